package org.trialmatch.sweep;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.trialmatch.data.ConfigException;

/** Makes the engine {@code --engine} names; Spark's is loaded by name, so that Spark is needed only when used. */
public final class Engines {
  /** The engine class that imports Spark. */
  static final String SPARK_ENGINE = "org.trialmatch.sweep.spark.SparkEngine";

  private Engines() {}

  /**
   * @param master the Spark master URL, or null for spark-submit's (or {@code local[*]})
   * @param threads threads per point, or null for {@code spark.task.cpus}
   * @param conf further Spark settings
   * @return the Spark engine, connected
   * @throws ConfigException when Spark is not on the class path
   */
  public static SweepEngine spark(String master, Integer threads, Map<String, String> conf) {
    try {
      Class.forName("org.apache.spark.SparkConf", false, Engines.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException("--engine", "spark needs Apache Spark on the class path, and it is not: submit "
          + "trialmatch.jar with spark-submit, or build target/spark-lib with 'mvn -B -DskipTests -Pspark package' "
          + "and run with java -cp 'target/trialmatch.jar:target/spark-lib/*' (docs/sweeps.md)");
    }
    Module base = ModuleLayer.boot().findModule("java.base").orElseThrow();
    if (!base.isOpen("sun.nio.ch", Engines.class.getModule()) || !base.isOpen("java.lang", Engines.class.getModule())) {
      throw new ConfigException("--engine", "spark needs the JVM options Spark's launcher adds (--add-opens "
          + "java.base/sun.nio.ch=ALL-UNNAMED and others): run through spark-submit, or start java with the options "
          + "listed in docs/sweeps.md");
    }
    try {
      return (SweepEngine) Class.forName(SPARK_ENGINE).getConstructor(String.class, Integer.class, Map.class)
          .newInstance(master, threads, conf);
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the Spark engine did not start: " + c, c);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Spark engine class is missing from this build: " + e, e);
    }
  }
}
