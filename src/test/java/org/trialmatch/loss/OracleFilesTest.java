package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The oracle fixtures are the shared oracle set's files, unchanged (their README names generator and tools). */
class OracleFilesTest {
  @ParameterizedTest
  @ValueSource(strings = {"tiny.json", "small.json", "session.json", "unequal.json"})
  void theFixtureIsTheSharedOracle(String name) throws IOException {
    Path shared = Path.of("../shared/oracles").resolve(name);
    assumeTrue(Files.isRegularFile(shared), "the shared oracle set is not beside the project");
    assertArrayEquals(Files.readAllBytes(shared), Files.readAllBytes(Path.of("src/test/resources/oracles").resolve(name)),
        name);
  }
}
