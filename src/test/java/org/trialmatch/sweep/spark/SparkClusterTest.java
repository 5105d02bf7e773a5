package org.trialmatch.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.trialmatch.cli.CliRunner;
import org.trialmatch.testing.TinyRuns;

/**
 * The Spark engine on a real Spark standalone cluster started from the Maven artifacts on 127.0.0.1: a
 * master and two one-core workers (each a JVM; their executors are JVMs the workers start), a sweep driven
 * by {@code trialmatch sweep --engine spark} in its own JVM. Every point's parameters and scores must be
 * bit-identical to the local engine's — also when a worker (with its executor) is killed in the middle of
 * a point, which Spark then retries on the other worker, resuming from the point's checkpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
  private static final ObjectMapper M = new ObjectMapper();
  @TempDir static Path dir;
  static final List<Process> PROCESSES = new ArrayList<>();
  static final Process[] WORKERS = new Process[2];
  static String master;
  static Path spec;
  static Path slowSpec;

  @BeforeAll
  static void cluster() throws Exception {
    Path data = TinyRuns.pseudoData(Files.createDirectories(dir.resolve("data")));
    Files.writeString(dir.resolve("base.json"), TinyRuns.pseudoConfig(data, 12, 3, 1, "0.002", "hard", ""));
    spec = dir.resolve("tiny.json");
    Files.writeString(spec, "{\"name\":\"tiny\",\"base\":\"base.json\",\"grid\":{\"loss.matching\":[\"none\",\"hard\"]},"
        + "\"seeds\":[0,1],\"evaluate\":{\"modelTrials\":40,\"seedOffset\":1}}");
    Files.writeString(dir.resolve("slow.json"), TinyRuns.pseudoConfig(data, 90, 3, 1, "0.002", "hard", ""));
    slowSpec = dir.resolve("slow-sweep.json");
    Files.writeString(slowSpec, "{\"name\":\"slow\",\"base\":\"slow.json\",\"grid\":{\"loss.matching\":[\"hard\",\"sinkhorn\"]},"
        + "\"seeds\":[0,1],\"evaluate\":{\"modelTrials\":40}}");

    // SPARK_HOME is only where a worker looks for Spark's jars; the executors get the test class path instead
    Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
    Files.writeString(home.resolveSibling("RELEASE"), "Spark from the Maven artifacts of the test class path\n");
    int port = freePort();
    int ui = freePort();
    master = "spark://127.0.0.1:" + port;
    PROCESSES.add(start(dir.resolve("master.log"), "-Xmx256m", "org.apache.spark.deploy.master.Master", "--host",
        "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
    waitForPort(port);
    for (int w = 1; w <= 2; w++) {
      Process p = start(dir.resolve("worker" + w + ".log"), "-Xmx256m", "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "1", "--memory", "1200m", "--work-dir",
          Files.createDirectories(dir.resolve("work" + w)).toString(), "--webui-port", Integer.toString(freePort()), master);
      PROCESSES.add(p);
      WORKERS[w - 1] = p;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (aliveWorkers(ui) < 2) {
      assertTrue(System.nanoTime() < deadline, "the workers did not register: " + Files.readString(dir.resolve("master.log")));
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (Process p : PROCESSES) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void theClusterGivesTheLocalEnginesResultsBitForBit() throws Exception {
    Path local = dir.resolve("local");
    CliRunner.Result r = CliRunner.run("sweep", "--quiet", "--spec", spec.toString(), "--out", local.toString());
    assertEquals(0, r.code(), r.err());
    Path spark = dir.resolve("spark");
    Process driver = driver(spec, spark, dir.resolve("driver.log"));
    assertTrue(driver.waitFor(150, TimeUnit.SECONDS), "the Spark sweep did not finish: " + log("driver.log"));
    assertEquals(0, driver.exitValue(), log("driver.log"));
    assertTrue(log("driver.log").contains("engine spark"), log("driver.log"));
    assertSame(local, spark, 4);
  }

  @Test
  @Order(2)
  void aWorkerKilledInTheMiddleOfAPointCostsNothingButTime() throws Exception {
    Path local = dir.resolve("slow-local");
    CliRunner.Result r = CliRunner.run("sweep", "--quiet", "--spec", slowSpec.toString(), "--out", local.toString());
    assertEquals(0, r.code(), r.err());
    Path spark = dir.resolve("slow-spark");
    Process driver = driver(slowSpec, spark, dir.resolve("slow-driver.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    boolean killed = false;
    while (!killed && driver.isAlive() && System.nanoTime() < deadline) {
      String point = midFit(spark);
      int w = point == null ? -1 : workerRunning(point);
      if (w >= 0) {
        WORKERS[w].descendants().forEach(ProcessHandle::destroyForcibly);
        WORKERS[w].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        killed = true;
      }
      Thread.sleep(20);
    }
    assertTrue(killed, "no point was caught in the middle of its fit: " + log("slow-driver.log"));
    assertTrue(driver.waitFor(150, TimeUnit.SECONDS), "the Spark sweep did not finish: " + log("slow-driver.log"));
    assertEquals(0, driver.exitValue(), log("slow-driver.log"));
    assertSame(local, spark, 4);
    JsonNode sweep = M.readTree(spark.resolve("sweep.json").toFile());
    boolean resumed = false;
    for (JsonNode p : sweep.get("points")) {
      resumed |= p.get("resumed_from_step").asLong() > 0;
    }
    assertTrue(resumed, "the point lost with the worker resumed from its checkpoint: " + sweep);
  }

  @Test
  void theDocumentedJavaOptionsAreSparksOwn() throws IOException {
    assertEquals(JavaModuleOptions.defaultModuleOptions(), Files.readString(Path.of("docs/spark-java-options.txt")).strip(),
        "docs/spark-java-options.txt must hold the options of the Spark on the class path");
  }

  /** The worker whose executor prints the point's progress (its application logs), or -1. */
  private static int workerRunning(String point) throws IOException {
    for (int w = 0; w < 2; w++) {
      try (Stream<Path> s = Files.walk(dir.resolve("work" + (w + 1)))) {
        for (Path f : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          if (Files.readString(f).contains("  " + point + ": step")) {
            return w;
          }
        }
      }
    }
    return -1;
  }

  /** A point that has a checkpoint past its first and is not finished, or null. */
  private static String midFit(Path sweep) throws IOException {
    Path points = sweep.resolve("points");
    if (!Files.isDirectory(points)) {
      return null;
    }
    try (Stream<Path> s = Files.list(points)) {
      for (Path p : s.filter(Files::isDirectory).toList()) {
        Path state = p.resolve("checkpoints/last/state.json");
        if (Files.isRegularFile(state) && !Files.exists(p.resolveSibling(p.getFileName() + ".json"))) {
          try {
            long step = M.readTree(state.toFile()).get("step").asLong();
            if (step >= 9 && step <= 60) {
              return p.getFileName().toString();
            }
          } catch (IOException racing) {
            // being replaced; look again
          }
        }
      }
    }
    return null;
  }

  private static void assertSame(Path local, Path spark, int points) throws IOException {
    JsonNode a = M.readTree(local.resolve("sweep.json").toFile());
    JsonNode b = M.readTree(spark.resolve("sweep.json").toFile());
    assertEquals("local", a.get("engine").asText());
    assertEquals("spark", b.get("engine").asText());
    assertEquals(points, b.get("points_done").asInt(), b.toString());
    for (int i = 0; i < points; i++) {
      JsonNode pa = a.get("points").get(i);
      JsonNode pb = b.get("points").get(i);
      String name = pa.get("name").asText();
      assertEquals(name, pb.get("name").asText());
      assertEquals(pa.get("scores"), pb.get("scores"), name);
      for (String c : List.of("best", "last")) {
        Path rel = Path.of("points", name, "checkpoints", c, "parameters.bin");
        assertArrayEquals(Files.readAllBytes(local.resolve(rel)), Files.readAllBytes(spark.resolve(rel)), rel.toString());
      }
    }
  }

  private static Process driver(Path sweepSpec, Path out, Path logFile) throws IOException {
    String cp = System.getProperty("java.class.path");
    return start(logFile, "-Xmx768m", "org.trialmatch.cli.Main", "sweep", "--quiet", "--engine", "spark", "--master",
        master, "--spec", sweepSpec.toString(), "--out", out.toString(), "--spark-conf", "spark.ui.enabled=false",
        "--spark-conf", "spark.executor.memory=1g", "--spark-conf", "spark.executor.extraClassPath=" + cp,
        "--spark-conf", "spark.driver.host=127.0.0.1");
  }

  private static Process start(Path logFile, String heap, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    cmd.add(heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
    pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    return pb.start();
  }

  private static int aliveWorkers(int uiPort) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      try (InputStream in = c.getInputStream()) {
        JsonNode j = M.readTree(in);
        return j.path("aliveworkers").asInt(0);
      }
    } catch (IOException notYet) {
      return 0;
    }
  }

  private static void waitForPort(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertTrue(System.nanoTime() < deadline, "the master did not start: " + log("master.log"));
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String log(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f) : "(no " + name + ")";
  }
}
