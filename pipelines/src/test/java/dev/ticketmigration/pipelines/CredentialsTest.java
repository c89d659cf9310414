package dev.ticketmigration.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketmigration.faultproxy.FaultProxy;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint override changes where requests go, not who signs them: through a proxy that reads
 * each request's SigV4 signature, a run against an explicit endpoint is signed with the access key
 * of the environment (the default chain), or with the one Beam's --awsCredentialsProvider names;
 * only a DynamoDB declared local gets the dummy key. Each run is its own JVM, so the environment is
 * real.
 */
class CredentialsTest {
  private static final String ENV_KEY = "AKIAENVIRONMENT0001";
  private static final String ENV_SECRET = "env-secret-key-never-printed";
  private static final String OPTION_KEY = "AKIAOPTIONPROVIDER01";

  @RegisterExtension
  static final DynamoAndSource env = new DynamoAndSource(TestSource.Kind.POSTGRESQL, 200, 5);

  @Test
  void explicitEndpointIsSignedWithTheEnvironmentsKey(@TempDir Path out) throws Exception {
    assertEquals(Set.of(ENV_KEY), signers(out, "env", List.of()));
  }

  @Test
  void awsCredentialsProviderOptionSignsWhenGiven(@TempDir Path out) throws Exception {
    String provider =
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + OPTION_KEY
            + "\",\"secretAccessKey\":\"option-secret\"}";
    assertEquals(Set.of(OPTION_KEY), signers(out, "option", List.of(provider)));
  }

  @Test
  void onlyADeclaredLocalDynamoGetsTheDummyKey(@TempDir Path out) throws Exception {
    assertEquals(
        Set.of(DynamoTarget.LOCAL_ACCESS_KEY),
        signers(out, "local", List.of("--dynamoLocal=true")));
  }

  /** Runs a small migration through a fresh proxy; returns the access keys its requests carried. */
  private static Set<String> signers(Path out, String name, List<String> extra) throws Exception {
    try (FaultProxy proxy =
        FaultProxy.builder().upstream(env.dynamo().endpoint()).build().start()) {
      List<String> command = Run.childCommand();
      command.addAll(env.sourceOptions());
      command.addAll(
          List.of(
              "--tables=sport_type,sport_league,sport_location",
              "--dynamoEndpoint=" + proxy.endpoint(),
              "--tablePrefix=creds_" + name + "_",
              "--deadLetterDir=" + out.resolve("dead-letters"),
              "--reportPath=" + out.resolve("report.json")));
      command.addAll(extra);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> childEnv = builder.environment();
      childEnv.keySet().removeIf(k -> k.startsWith("AWS_"));
      childEnv.put("AWS_ACCESS_KEY_ID", ENV_KEY);
      childEnv.put("AWS_SECRET_ACCESS_KEY", ENV_SECRET);
      childEnv.put("AWS_REGION", "eu-west-1");
      Path log = out.resolve(name + ".log");
      Process p = builder.redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), name + " run did not finish");
      String output = Files.readString(log);
      assertEquals(0, p.exitValue(), output);
      assertTrue(proxy.requests("BatchWriteItem") > 0, output);
      assertFalse(output.contains(ENV_SECRET), "the secret key was printed: " + output);
      assertFalse(Files.readString(out.resolve("report.json")).contains("option-secret"));
      return proxy.accessKeys();
    }
  }
}
