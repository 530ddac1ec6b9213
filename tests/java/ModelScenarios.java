// Scenarios for the generated Java client's models, driven by tests/e2e/test_java_models.py: each run
// does one scenario against a real server the test started, and prints one JSON line saying what
// happened: raw fields and lazy decoding, validate(), responseValidation, additional properties,
// toBuilder(), and the params' putAdditional* reaching the server.

import com.clear_street.api.client.ClearStreetClient;
import com.clear_street.api.client.okhttp.ClearStreetOkHttpClient;
import com.clear_street.api.core.Json;
import com.clear_street.api.core.JsonValue;
import com.clear_street.api.core.RequestOptions;
import com.clear_street.api.errors.ClearStreetInvalidDataException;
import com.clear_street.api.models.v1.positions.PositionInstruction;
import com.clear_street.api.models.v1.positions.PositionInstructionType;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsParams;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsParams.Instruction;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

public final class ModelScenarios {
  private ModelScenarios() {}

  static final String INSTRUMENT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02";

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    String baseUrl = args[1];
    ObjectNode out = Json.object();
    try (ClearStreetClient client = client(baseUrl, false)) {
      run(scenario, client, baseUrl, out);
    }
    System.out.println(Json.write(out));
  }

  static ClearStreetClient client(String baseUrl, boolean validate) {
    return ClearStreetOkHttpClient.builder()
        .apiKey("test-api-key")
        .baseUrl(baseUrl)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(5))
        .responseValidation(validate)
        .build();
  }

  static PositionSubmitPositionInstructionsParams params() {
    return PositionSubmitPositionInstructionsParams.builder()
        .accountId(122503L)
        .addInstruction(
            Instruction.builder()
                .instructionType(PositionInstructionType.EXERCISE)
                .instrumentId(INSTRUMENT)
                .quantity("1")
                .build())
        .build();
  }

  /** What `action` returned, or the class and message of what it threw. */
  static String attempt(Supplier<Object> action) {
    try {
      return "ok: " + action.get();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static void run(String scenario, ClearStreetClient client, String baseUrl, ObjectNode out) {
    switch (scenario) {
      case "bad-rows": {
        // The server's first row lacks `symbol`, its second has a string `account_id`.
        PositionSubmitPositionInstructionsResponse response = client.v1().positions().submitPositionInstructions(params());
        List<PositionInstruction> rows = response.data();
        out.put("rows", rows.size());
        out.put("first_id", rows.get(0).id());
        out.put("symbol", attempt(() -> rows.get(0).symbol()));
        out.put("symbol_missing", rows.get(0)._symbol().isMissing());
        out.put("account_id", attempt(() -> rows.get(1).accountId()));
        out.put("account_id_raw", rows.get(1)._accountId().asUnknown().map(JsonValue::toString).orElse(null));
        out.put("account_id_known", rows.get(1)._accountId().asKnown().isPresent());
        out.put("validate", attempt(() -> response.validate()));
        out.put("row_validate", attempt(() -> rows.get(1).validate()));
        out.put("rejected", response.rejected().size());
        RequestOptions validating = RequestOptions.builder().responseValidation(true).build();
        out.put("per_call", attempt(() -> client.v1().positions().submitPositionInstructions(params(), validating)));
        try (ClearStreetClient strict = client(baseUrl, true)) {
          out.put("client_level", attempt(() -> strict.v1().positions().submitPositionInstructions(params())));
        }
        return;
      }
      case "good-rows": {
        try (ClearStreetClient strict = client(baseUrl, true)) {
          PositionSubmitPositionInstructionsResponse response = strict.v1().positions().submitPositionInstructions(params());
          out.put("validated", attempt(() -> response.validate().data().size()));
          PositionInstruction row = response.data().get(0);
          out.set("extra", Json.toNode(row._additionalProperties()));
          out.put("round_trip", Json.write(row.toJson()));
          out.put("to_builder_equals", row.toBuilder().build().equals(row));
          out.put("response_to_builder_equals", response.toBuilder().build().equals(response));
          PositionInstruction changed = row.toBuilder().symbol("CHANGED").build();
          out.put("changed_equals", changed.equals(row));
          out.put("changed_symbol", changed.symbol());
          // A response model built by hand, as a test or a fake would: equal to the decoded one.
          PositionInstruction built =
              PositionInstruction.builder()
                  .id(row.id())
                  .accountId(row.accountId())
                  .instructionId(row.instructionId())
                  .instructionType(row.instructionType())
                  .instrumentId(row.instrumentId())
                  .quantity(row.quantity())
                  .status(row.status())
                  .symbol(row.symbol())
                  .additionalProperties(Map.of("venue", JsonValue.of("X")))
                  .build();
          out.put("built_equals", built.equals(row));
        }
        return;
      }
      case "send-additional": {
        Instruction row =
            Instruction.builder()
                .instructionType(PositionInstructionType.EXERCISE)
                .instrumentId(INSTRUMENT)
                .quantity("1")
                .putAdditionalProperty("note", JsonValue.of("row-extra"))
                .build();
        PositionSubmitPositionInstructionsParams params =
            PositionSubmitPositionInstructionsParams.builder()
                .accountId(122503L)
                .addInstruction(row)
                .putAdditionalHeader("X-Extra", "header-value")
                .putAdditionalQueryParam("dry_run", "yes")
                .putAdditionalBodyProperty("batch_note", JsonValue.from(Map.of("n", 7)))
                .build();
        out.put("params_to_builder_equals", params.toBuilder().build().equals(params));
        out.put(
            "params_changed_equals",
            params.toBuilder().putAdditionalHeader("X-Extra", "other").build().equals(params));
        PositionSubmitPositionInstructionsResponse response = client.v1().positions().submitPositionInstructions(params);
        out.put("status", response.data().get(0).status().asString());
        return;
      }
      case "path-argument": {
        PositionSubmitPositionInstructionsParams noAccount = params().toBuilder().accountId(Optional.empty()).build();
        out.put("account_id_present", noAccount.accountId().isPresent());
        out.put("without", attempt(() -> client.v1().positions().submitPositionInstructions(noAccount)));
        PositionSubmitPositionInstructionsResponse response =
            client.v1().positions().submitPositionInstructions(7L, noAccount);
        out.put("status", response.data().get(0).status().asString());
        return;
      }
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }
}
