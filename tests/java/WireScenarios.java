// Calls of the `encodings` fixture's Java client, driven by tests/e2e/test_java_wire_formats.py:
// `WireScenarios <base URL> <scenario>...` makes one call per scenario, in order, against the recording
// server at that URL. The test makes
// the same call with the Python client and compares what the two put on the wire.

import com.encodings.api.client.EncodingsClient;
import com.encodings.api.client.okhttp.EncodingsOkHttpClient;
import com.encodings.api.core.Json;
import com.encodings.api.core.RequestOptions;
import com.encodings.api.models.params.GetQuoteFilter;
import com.encodings.api.models.params.ParamGetQuoteParams;
import com.encodings.api.models.styles.Range;
import com.encodings.api.models.styles.Search;
import com.encodings.api.models.styles.StyleGetStylesParams;
import java.util.List;

public final class WireScenarios {
  private WireScenarios() {}

  /** Reserved and non-ASCII characters, which each style must escape as the Python client does. */
  static final String AWKWARD = "a b!*'();:@&=+$,/?#[]~|%\"é€";

  static Range range(long min, long max) {
    return Range.builder().min(min).max(max).build();
  }

  public static void main(String[] args) {
    for (int i = 1; i < args.length; i++) {
      EncodingsOkHttpClient.Builder builder = EncodingsOkHttpClient.builder().apiKey("k").baseUrl(args[0]).maxRetries(0);
      if (args[i].equals("cookies")) builder.header("Cookie", "tracking=1");
      try (EncodingsClient client = builder.build()) {
        call(client, args[i]);
      }
    }
  }

  static void call(EncodingsClient client, String scenario) {
      switch (scenario) {
        case "quote":
          client.params().getQuote(ParamGetQuoteParams.builder()
              .quote("a/b c")
              .ids(List.of(1L, 2L))
              .tags(List.of("x", "y z"))
              .filter(GetQuoteFilter.builder().side("buy & sell").min(1L).build())
              .symbols(List.of("A", "B|C"))
              .xTrace(List.of("a", "b"))
              .session("s v;1")
              .import_(true)
              .build());
          break;
        case "styles":
          client.styles().getStyles(StyleGetStylesParams.builder()
              .plain(List.of("p q", "r/s"))
              .exploded(range(1, 2))
              .dotted(List.of("a", "b c"))
              .tagged(range(3, 4))
              .coords(range(5, 6))
              .keys(List.of("k", "l;m"))
              .count(3L)
              .range(range(1, 5))
              .bounds(range(0, 9))
              .words(List.of("hello world", "x"))
              .piped(List.of(1.5, 2.0, 0.00001, 1e16, -0.25))
              .deep(Search.builder().side("buy").range(range(1, 2)).venues(List.of("X", "Y")).build())
              .xRange(range(1, 2))
              .xRangeExploded(range(3, 4))
              .xIds(List.of(1L, 2L, 3L))
              .prefs(List.of("a b", "c;d"))
              .where(range(5, 6))
              .build());
          break;
        case "awkward":
          client.styles().getStyles(StyleGetStylesParams.builder()
              .plain(List.of(AWKWARD, "."))
              .exploded(range(1, 2))
              .dotted(List.of(AWKWARD, "."))
              .tagged(range(1, 2))
              .coords(Range.builder().putAdditionalProperty(AWKWARD, com.encodings.api.core.JsonValue.from(AWKWARD)).build())
              .keys(List.of(AWKWARD))
              .words(List.of(AWKWARD, AWKWARD))
              .deep(Search.builder().side(AWKWARD).venues(List.of(AWKWARD, "b")).build())
              .prefs(List.of(AWKWARD))
              .xRange(range(1, 2))
              .xRangeExploded(Range.builder().build())
              .xIds(List.of())
              .build());
          break;
        case "required-only":
          client.styles().getStyles(StyleGetStylesParams.builder()
              .plain(List.of("..."))
              .exploded(Range.builder().max(7L).build())
              .dotted(List.of())
              .tagged(Range.builder().max(8L).build())
              .coords(Range.builder().build())
              .keys(List.of())
              .words(List.of())
              .xRange(range(1, 2))
              .xRangeExploded(range(1, 2))
              .xIds(List.of(1L))
              .build());
          break;
        case "cookies":
          client.params().getQuote(
              ParamGetQuoteParams.builder().quote("q").xTrace(List.of("a")).session("ab/c+d==").build(),
              RequestOptions.builder().header("x-trace", "from the call").build());
          break;
        default:
          throw new IllegalArgumentException("no scenario " + scenario);
      }
  }
}
