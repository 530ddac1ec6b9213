// Streaming and file scenarios for the generated Java client of the `streaming` fixture, driven by
// tests/e2e/test_java_streaming.py against tests/servers/event_server.py: each run does one
// scenario and prints one JSON line saying what happened. A line "first: ..." printed before it
// says the first event (or the first bytes of a file) arrived; the test then opens the server's gate.

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.media.api.client.MediaClient;
import com.media.api.client.okhttp.MediaOkHttpClient;
import com.media.api.core.HttpResponseFor;
import com.media.api.core.Json;
import com.media.api.core.http.HttpResponse;
import com.media.api.core.http.StreamResponse;
import com.media.api.errors.MediaException;
import com.media.api.errors.MediaIoException;
import com.media.api.errors.MediaServiceException;
import com.media.api.errors.MediaStreamException;
import com.media.api.models.completions.CompletionChunk;
import com.media.api.models.completions.CompletionCreateCompletionParams;
import com.media.api.models.events.AccountEvent;
import com.media.api.models.events.EventListEventsParams;
import com.media.api.models.files.FileDownloadFileParams;
import com.media.api.models.reports.ReportGetReportParams;
import com.media.api.models.ticks.TickFollowTicksParams;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

public final class StreamScenarios {
  private StreamScenarios() {}

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    String baseUrl = args[1];
    int maxRetries = Integer.parseInt(args[2]);
    String path = args.length > 3 ? args[3] : null;
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    try (MediaClient client =
        MediaOkHttpClient.builder()
            .apiKey("k")
            .baseUrl(baseUrl)
            .maxRetries(maxRetries)
            .timeout(Duration.ofSeconds(20))
            .build()) {
      run(scenario, client, out, events, path);
    } catch (MediaStreamException e) {
      error(out, e);
      out.put("stream_status", e.statusCode());
      out.put("data", e.data());
    } catch (MediaServiceException e) {
      error(out, e);
      out.put("status", e.statusCode());
    } catch (MediaException e) {
      error(out, e);
    }
    System.out.println(out);
  }

  private static void error(ObjectNode out, MediaException e) {
    out.put("error", e.getClass().getSimpleName());
    out.put("message", e.getMessage());
    out.put("is_io", e instanceof MediaIoException);
  }

  private static CompletionCreateCompletionParams prompt() {
    return CompletionCreateCompletionParams.builder().prompt("Say hello").maxTokens(5).build();
  }

  private static void run(String scenario, MediaClient client, ObjectNode out, ArrayNode events, String path)
      throws Exception {
    switch (scenario) {
      case "stream":
        try (StreamResponse<CompletionChunk> stream = client.completions().createCompletionStreaming(prompt())) {
          out.put("status", stream.statusCode());
          stream.stream().forEach(chunk -> events.add(chunk.delta()));
        }
        break;
      case "json":
        out.put("text", client.completions().createCompletion(prompt()).text());
        break;
      case "lazy":
        try (StreamResponse<CompletionChunk> stream = client.completions().createCompletionStreaming(prompt());
            Stream<CompletionChunk> chunks = stream.stream()) {
          Iterator<CompletionChunk> it = chunks.iterator();
          CompletionChunk first = it.next();
          System.out.println("first: " + first.delta());
          System.out.flush();
          events.add(first.delta());
          it.forEachRemaining(chunk -> events.add(chunk.delta()));
        }
        break;
      case "async":
        try (StreamResponse<CompletionChunk> stream =
            client.async().completions().createCompletionStreaming(prompt()).get()) {
          stream.stream().forEach(chunk -> events.add(chunk.delta()));
        }
        break;
      case "raw":
        HttpResponseFor<StreamResponse<CompletionChunk>> raw =
            client.completions().withRawResponse().createCompletionStreaming(prompt());
        out.put("status", raw.statusCode());
        out.put("request_id", raw.requestId().orElse(null));
        try (StreamResponse<CompletionChunk> stream = raw.parse()) {
          stream.stream().forEach(chunk -> events.add(chunk.delta()));
        }
        break;
      case "events":
        try (StreamResponse<AccountEvent> stream =
            client.events().listEvents(EventListEventsParams.builder().since("2026-01-01").build())) {
          stream.stream().forEach(e -> events.add(e.type() + "/" + e.detail().orElse("-")));
        }
        break;
      case "ticks":
        try (StreamResponse<String> stream = client.ticks().followTicks(TickFollowTicksParams.builder().build())) {
          stream.stream().forEach(events::add);
        }
        break;
      case "download":
        try (HttpResponse file = client.files().downloadFile(FileDownloadFileParams.builder().fileId("f 1").build())) {
          out.put("status", file.statusCode());
          out.put("content_type", file.header("Content-Type").orElse(null));
          file.writeTo(Path.of(path));
        }
        break;
      case "report-lazy":
        try (HttpResponse report = client.reports().getReport(ReportGetReportParams.builder().reportId("r1").build());
            InputStream body = report.body()) {
          byte[] head = body.readNBytes(10);
          System.out.println("first: " + head.length);
          System.out.flush();
          byte[] rest = body.readAllBytes();
          out.put("length", head.length + rest.length);
        }
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + scenario);
    }
  }
}
