// Scenarios for the generated Java client, driven by tests/e2e/test_java_client.py: each run does one
// scenario against a real server the test started, and prints one JSON line saying what happened.
// The same scenarios as the Python client's tests (test_client_against_server.py, test_safe_retries.py,
// test_lost_body.py), so both clients are held to one behaviour.

import com.clear_street.api.client.ClearStreetClient;
import com.clear_street.api.client.okhttp.ClearStreetOkHttpClient;
import com.clear_street.api.core.HttpResponseFor;
import com.clear_street.api.core.Json;
import com.clear_street.api.core.RequestOptions;
import com.clear_street.api.errors.ClearStreetIoException;
import com.clear_street.api.errors.ClearStreetResponseTooLargeException;
import com.clear_street.api.errors.ClearStreetServiceException;
import com.clear_street.api.models.v1.positions.PositionInstruction;
import com.clear_street.api.models.v1.positions.PositionInstructionStatus;
import com.clear_street.api.models.v1.positions.PositionInstructionType;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsParams;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsParams.Instruction;
import com.clear_street.api.models.v1.positions.PositionSubmitPositionInstructionsResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

public final class Scenarios {
  private Scenarios() {}

  static final String INSTRUMENT = "0195f6d0-a1b2-7c3d-8e4f-5a6b7c8d9e02";

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    String baseUrl = args[1];
    int maxRetries = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String apiKey = args.length > 3 ? args[3] : "test-api-key";
    ObjectNode out = Json.object();
    if (scenario.startsWith("client-")) {
      clientScenario(scenario, baseUrl, out);
      System.out.println(Json.write(out));
      return;
    }
    try (ClearStreetClient client =
        ClearStreetOkHttpClient.builder()
            .apiKey(apiKey)
            .baseUrl(baseUrl)
            .maxRetries(maxRetries)
            .timeout(Duration.ofSeconds(5))
            .build()) {
      out.put("client", client.toString());
      run(scenario, client, out);
    } catch (ClearStreetServiceException e) {
      out.put("error", e.getClass().getSimpleName());
      out.put("status", e.statusCode());
      out.put("message", e.getMessage());
      out.put("server_message", e.error().map(d -> d.message()).orElse(null));
      out.put("request_id", e.requestId().orElse(null));
      out.put("earlier_attempt_lost", e.earlierAttemptLost());
      ArrayNode keys = out.putArray("keys");
      e.idempotencyKeys().forEach(keys::add);
    } catch (ClearStreetIoException e) {
      out.put("error", e.getClass().getSimpleName());
      out.put("message", e.getMessage());
      out.put("earlier_attempt_lost", e.earlierAttemptLost());
    } catch (ClearStreetResponseTooLargeException e) {
      out.put("error", e.getClass().getSimpleName());
      out.put("message", e.getMessage());
      out.put("limit", e.limit());
      out.put("status", e.statusCode());
    } catch (IllegalArgumentException | IllegalStateException e) {
      out.put("error", e.getClass().getSimpleName());
      out.put("message", e.getMessage());
    }
    System.out.println(Json.write(out));
  }

  /** Scenarios about the client itself: how it is built, and what sends its requests. */
  static void clientScenario(String scenario, String baseUrl, ObjectNode out) throws Exception {
    switch (scenario) {
      case "client-own-okhttp-async": {
        // The caller's OkHttp client: its interceptor sees each attempt, and its dispatcher's threads
        // finish the async call (no thread pool of the SDK's own wraps a blocking call).
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // OkHttp renames a thread while it runs a call, so its threads are known by a mark instead.
        ThreadLocal<Boolean> callers = ThreadLocal.withInitial(() -> false);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
          Thread thread = new Thread(() -> {
            callers.set(true);
            runnable.run();
          });
          thread.setDaemon(true);
          return thread;
        });
        okhttp3.OkHttpClient own = new okhttp3.OkHttpClient.Builder()
            .dispatcher(new okhttp3.Dispatcher(threads))
            .addInterceptor(chain -> {
              seen.add(chain.request().method() + " " + chain.request().url().encodedPath());
              return chain.proceed(chain.request());
            })
            .build();
        try (com.clear_street.api.client.ClearStreetClientAsync client =
            com.clear_street.api.client.okhttp.ClearStreetOkHttpClientAsync.builder()
                .apiKey("test-api-key").baseUrl(baseUrl).okHttpClient(own).build()) {
          String thread = client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", INSTRUMENT, "1", null)))
              .thenApply(response -> {
                describe(response, out);
                return callers.get() ? "callers-dispatcher" : Thread.currentThread().getName();
              })
              .get();
          out.put("thread", thread);
        }
        ArrayNode attempts = out.putArray("intercepted");
        seen.forEach(attempts::add);
        out.put("still_open", !threads.isShutdown()); // closing the SDK's client leaves the caller's alone
        return;
      }
      case "client-proxy": {
        java.net.URI proxy = java.net.URI.create(baseUrl);
        try (ClearStreetClient client = ClearStreetOkHttpClient.builder()
            .apiKey("test-api-key")
            .baseUrl("http://clear-street.invalid")
            .maxRetries(0)
            .proxy(new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress(proxy.getHost(), proxy.getPort())))
            .build()) {
          client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", INSTRUMENT, "1", null)));
        } catch (ClearStreetServiceException e) {
          out.put("status", e.statusCode());
        }
        return;
      }
      default:
        throw new IllegalArgumentException("no scenario " + scenario);
    }
  }

  static Instruction row(String type, String instrument, String quantity, String key) {
    Instruction.Builder row =
        Instruction.builder()
            .instructionType(PositionInstructionType.of(type))
            .instrumentId(instrument)
            .quantity(quantity);
    return key == null ? row.build() : row.instructionId(key).build();
  }

  static PositionSubmitPositionInstructionsParams batch(Instruction... rows) {
    return PositionSubmitPositionInstructionsParams.builder().accountId(122503L).instructions(List.of(rows)).build();
  }

  static void describe(PositionSubmitPositionInstructionsResponse response, ObjectNode out) {
    out.put("partial", response.isPartial());
    ArrayNode statuses = out.putArray("statuses");
    ArrayNode known = out.putArray("known");
    ArrayNode keys = out.putArray("instruction_ids");
    for (PositionInstruction row : response.data()) {
      statuses.add(row.status().asString());
      known.add(row.status().value().name());
      keys.add(row.instructionId());
    }
    out.put("rejected", response.rejected().size());
    out.put("accepted", response.accepted().size());
    out.put("error_message", response.error().map(e -> e.message()).orElse(null));
    out.put("request_id", response.metadata().requestId());
    out.put("rejection_reasons", response.data().stream().map(r -> r.rejectionReason().orElse("-")).toList().toString());
    out.set("extra", Json.toNode(response.data().get(0)._additionalProperties()));
  }

  static void run(String scenario, ClearStreetClient client, ObjectNode out) throws Exception {
    Instruction exercise = row("EXERCISE", INSTRUMENT, "1", null);
    switch (scenario) {
      case "one-row":
        describe(client.v1().positions().submitPositionInstructions(batch(exercise)), out);
        return;
      case "keyed-row":
        describe(
            client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", INSTRUMENT, "1", "ui-1"))), out);
        return;
      case "duplicate-in-batch":
        describe(
            client.v1().positions().submitPositionInstructions(
                batch(row("EXERCISE", INSTRUMENT, "1", "dup"), row("EXERCISE", INSTRUMENT, "1", "dup"))),
            out);
        return;
      case "dne-outside-expiry":
        describe(client.v1().positions().submitPositionInstructions(batch(row("DO_NOT_EXERCISE", INSTRUMENT, "1", null))), out);
        return;
      case "dne-and-exercise":
        describe(
            client.v1().positions().submitPositionInstructions(
                batch(exercise, row("DO_NOT_EXERCISE", INSTRUMENT, "1", null))),
            out);
        return;
      case "unknown-instrument":
        describe(client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", "nope", "1", null))), out);
        return;
      case "quantity-canonical":
        describe(client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", INSTRUMENT, " 007 ", null))), out);
        return;
      case "quantity-invalid":
        client.v1().positions().submitPositionInstructions(batch(row("EXERCISE", INSTRUMENT, "1.5", null)));
        return;
      case "missing-required":
        PositionSubmitPositionInstructionsParams.builder().accountId(1L).build();
        return;
      case "missing-row-field":
        Instruction.builder().instructionType(PositionInstructionType.EXERCISE).quantity("1").build();
        return;
      case "async":
        describe(client.async().v1().positions().submitPositionInstructions(batch(exercise)).get(), out);
        return;
      case "async-error":
        try {
          client.async().v1().positions().submitPositionInstructions(batch(row("EXERCISE", "nope", "1", null))).get();
        } catch (ExecutionException e) {
          out.put("cause", e.getCause().getClass().getSimpleName());
        }
        return;
      case "raw":
        HttpResponseFor<PositionSubmitPositionInstructionsResponse> raw =
            client.withRawResponse().v1().positions().submitPositionInstructions(batch(exercise));
        out.put("status", raw.statusCode());
        out.put("content_type", raw.header("Content-Type").orElse(null));
        out.put("raw_request_id", raw.requestId().orElse(null));
        describe(raw.parse(), out);
        return;
      case "per-call-options":
        describe(
            client.v1().positions().submitPositionInstructions(
                batch(exercise), RequestOptions.builder().maxRetries(0).header("X-Trace", "t-1").build()),
            out);
        return;
      case "timeout":
        client.v1().positions().submitPositionInstructions(
            batch(exercise), RequestOptions.builder().timeout(Duration.ofMillis(300)).maxRetries(0).build());
        return;
      case "deadline": // the client's deadline, against a server that trickles its answer
        timed(out, () -> describe(
            client.withOptions(options -> options.deadline(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(3)))
                .v1().positions().submitPositionInstructions(batch(exercise)), out));
        return;
      case "deadline-per-call": // the call's own deadline, retries allowed
        timed(out, () -> describe(
            client.v1().positions().submitPositionInstructions(
                batch(exercise), RequestOptions.builder().deadline(Duration.ofMillis(1500)).maxRetries(10).build()),
            out));
        return;
      case "max-response-bytes":
        describe(
            client.v1().positions().submitPositionInstructions(
                batch(exercise), RequestOptions.builder().maxResponseBytes(1 << 20).build()),
            out);
        return;
      case "with-options":
        describe(client.withOptions(options -> options.maxRetries(0)).v1().positions().submitPositionInstructions(batch(exercise)), out);
        return;
      case "enums":
        out.put("sent_known", PositionInstructionStatus.SENT.known().name());
        out.put("new_value", PositionInstructionStatus.of("NEW_STATUS").value().name());
        out.put("new_equals", PositionInstructionStatus.of("SENT").equals(PositionInstructionStatus.SENT));
        try {
          PositionInstructionStatus.of("NEW_STATUS").known();
        } catch (RuntimeException e) {
          out.put("known_throws", e.getClass().getSimpleName());
        }
        return;
      case "retry-delays":
        retryDelays(out);
        return;
      default:
        throw new IllegalArgumentException("no scenario " + scenario);
    }
  }

  /** Runs a call, recording how long it took (in ms) whether it returned or threw. */
  static void timed(ObjectNode out, Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
    } finally {
      out.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** The runtime's wait before a first retry, per retry header: milliseconds, or null for no retry. */
  static void retryDelays(ObjectNode out) throws Exception {
    // ClientContext.retryDelay is package-private: asked directly, so no test needs a clock.
    java.lang.reflect.Method retryDelay = Class.forName("com.clear_street.api.core.ClientContext")
        .getDeclaredMethod("retryDelay", int.class, com.clear_street.api.core.http.RawResponse.class);
    retryDelay.setAccessible(true);
    ObjectNode delays = out.putObject("delays");
    for (String header : List.of(
        "retry-after: 2", "retry-after: Wed, 21 Oct 2015 07:28:00 GMT", "retry-after: 3600",
        "retry-after: NaN", "retry-after: nan", "retry-after: -1", "retry-after: Infinity", "retry-after: soon",
        "retry-after-ms: 250", "retry-after-ms: -5", "retry-after-ms: NaN")) {
      String[] nameValue = header.split(": ", 2);
      com.clear_street.api.core.http.RawResponse response = new com.clear_street.api.core.http.RawResponse(
          429, java.util.Map.of(nameValue[0], List.of(nameValue[1])), java.io.InputStream.nullInputStream());
      java.util.Optional<?> delay = (java.util.Optional<?>) retryDelay.invoke(null, 0, response);
      delays.put(header, delay.map(d -> ((Duration) d).toMillis()).orElse(null));
    }
  }
}
