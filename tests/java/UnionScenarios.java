// Union scenarios for the generated Java client of the `zoo` spec in tests/e2e/test_java_unions.py,
// driven by that test against tests/servers/scripted_server.py: each run makes `count` calls of one
// scenario (the server answers each with the body it was scripted with) and prints one JSON line
// per call saying which variant was decoded, what the visitor saw, and the value written back.

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zoo.api.client.ZooClient;
import com.zoo.api.client.okhttp.ZooOkHttpClient;
import com.zoo.api.core.Json;
import com.zoo.api.core.JsonValue;
import com.zoo.api.models.animals.Animal;
import com.zoo.api.models.animals.AnimalDescribeAnimalParams;
import com.zoo.api.models.animals.Lion;
import com.zoo.api.models.animals.Snake;
import com.zoo.api.models.enclosures.Cat;
import com.zoo.api.models.enclosures.Dog;
import com.zoo.api.models.enclosures.EnclosureInspectEnclosureParams;
import com.zoo.api.models.enclosures.EnclosureInspectEnclosureResponse;
import com.zoo.api.models.enclosures.EnclosureKeeper;
import com.zoo.api.models.enclosures.Label;
import com.zoo.api.models.enclosures.Pet;
import com.zoo.api.errors.ZooInvalidDataException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

public final class UnionScenarios {
  private UnionScenarios() {}

  /** Names the variant it is given, and keeps what `unknown` saw. */
  private static final Animal.Visitor<String> ANIMAL =
      new Animal.Visitor<String>() {
        @Override
        public String visitLion(Lion lion) {
          return "lion mane=" + lion.mane();
        }

        @Override
        public String visitSnake(Snake snake) {
          return "snake length=" + snake.length().map(String::valueOf).orElse("-");
        }

        @Override
        public String unknown(JsonValue json) {
          return "unknown " + json;
        }
      };

  private static final Pet.Visitor<String> PET =
      new Pet.Visitor<String>() {
        @Override
        public String visitCat(Cat cat) {
          return "cat";
        }

        @Override
        public String visitDog(Dog dog) {
          return "dog " + dog.name();
        }

        @Override
        public String unknown(JsonValue json) {
          return "unknown " + json;
        }
      };

  private static final Label.Visitor<String> LABEL =
      new Label.Visitor<String>() {
        @Override
        public String visitString(String string) {
          return "string " + string;
        }

        @Override
        public String visitLong(long value) {
          return "long " + value;
        }

        @Override
        public String visitStrings(List<String> strings) {
          return "strings " + String.join("+", strings);
        }
      };

  public static void main(String[] args) {
    String scenario = args[0];
    String baseUrl = args[1];
    int count = Integer.parseInt(args[2]);
    try (ZooClient client =
        ZooOkHttpClient.builder().apiKey("k").baseUrl(baseUrl).maxRetries(0).timeout(Duration.ofSeconds(20)).build()) {
      for (int i = 0; i < count; i++) {
        ObjectNode out = Json.object();
        switch (scenario) {
          case "animal":
            animal(client, out);
            break;
          case "enclosure":
            enclosure(client, out);
            break;
          default:
            throw new IllegalArgumentException(scenario);
        }
        System.out.println(out);
      }
    }
  }

  private static void animal(ZooClient client, ObjectNode out) {
    Animal sent = Animal.ofLion(Lion.builder().type("big_cat").mane(true).build());
    Animal animal = client.animals().describeAnimal(AnimalDescribeAnimalParams.builder().body(sent).build());
    out.put("visited", animal.accept(ANIMAL));
    out.put("is_lion", animal.isLion());
    out.put("is_snake", animal.isSnake());
    out.set("written", animal.toJson());
    out.set("raw", animal._json().orElseThrow().toJson());
    out.put("equal_to_itself_rebuilt", animal.equals(Animal.fromJson(animal.toJson(), "$")));
    try {
      animal.asLion();
      out.put("as_lion", "ok");
    } catch (ZooInvalidDataException e) {
      out.put("as_lion", "threw");
    }
    try {
      animal.accept(
          new Animal.Visitor<String>() {
            @Override
            public String visitLion(Lion lion) {
              return "lion";
            }

            @Override
            public String visitSnake(Snake snake) {
              return "snake";
            }
          });
      out.put("default_unknown", "returned");
    } catch (ZooInvalidDataException e) {
      out.put("default_unknown", "threw");
    }
  }

  private static void enclosure(ZooClient client, ObjectNode out) {
    EnclosureInspectEnclosureParams params =
        EnclosureInspectEnclosureParams.builder()
            .label(Label.ofStrings(List.of("north", "east")))
            .addResident(Pet.ofDog(Dog.builder().barks(true).name("Rex").build()))
            .addResident(Pet.ofCat(Cat.builder().meows(false).build()))
            .build();
    EnclosureInspectEnclosureResponse enclosure = client.enclosures().inspectEnclosure(params);
    var residents = out.putArray("residents");
    for (Pet pet : enclosure.residents()) residents.add(pet.accept(PET));
    out.put("keeper", enclosure.keeper().map(k -> k.isString() ? "string " + k.asString() : "long " + k.asLong()).orElse("none"));
    var labels = out.putObject("labels");
    for (Map.Entry<String, Label> entry : enclosure.labels().orElse(Map.of()).entrySet()) {
      labels.put(entry.getKey(), entry.getValue().accept(LABEL));
    }
    out.set("written", enclosure.toJson());
    EnclosureKeeper keeper = EnclosureKeeper.ofLong(7);
    out.put("keeper_of_long", keeper.toJson().toString());
  }
}
