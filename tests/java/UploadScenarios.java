// Uploads from the generated Java client (the `encodings` fixture's multipart operation), driven by
// tests/e2e/test_java_uploads.py against a loopback server that keeps each request body.

import com.encodings.api.client.EncodingsClient;
import com.encodings.api.client.okhttp.EncodingsOkHttpClient;
import com.encodings.api.core.UploadFile;
import com.encodings.api.models.bodies.BodyUploadFileParams;
import com.encodings.api.models.bodies.UploadFileBodyPurpose;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

public final class UploadScenarios {
  private UploadScenarios() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    String scenario = args[1];
    try (EncodingsClient client = EncodingsOkHttpClient.builder().apiKey("k").baseUrl(baseUrl).maxRetries(0).build()) {
      BodyUploadFileParams.Builder params = BodyUploadFileParams.builder().purpose(UploadFileBodyPurpose.DOCUMENT);
      switch (scenario) {
        case "path": // named after the file, its type guessed from the name
          params.file(Path.of(args[2]));
          break;
        case "stream": // read to its end, named "upload", typed by hand
          params.file(new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8)));
          params.addAttachment(UploadFile.of(new ByteArrayInputStream(new byte[] {0, 1, 2, (byte) 255}))
              .withFilename("raw.bin").withContentType("application/x-raw"));
          break;
        case "bytes": // a name with a quote and a line break cannot end the part's header
          params.file(UploadFile.of("abc".getBytes(StandardCharsets.UTF_8)).withFilename("a\"b\r\nc.txt"));
          break;
        default:
          throw new IllegalArgumentException(scenario);
      }
      System.out.println(client.bodies().uploadFile(params.build()).id());
    }
  }
}
