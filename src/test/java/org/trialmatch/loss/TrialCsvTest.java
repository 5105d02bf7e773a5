package org.trialmatch.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialCsvTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsRowsOfNumbers() throws IOException {
    FeatureMatrix m = TrialCsv.read(write("ok.csv", "1, 2.5,-3e-2\r\n4,5,+6\n\n\n"));
    assertEquals(2, m.rows());
    assertEquals(3, m.columns());
    assertArrayEquals(new double[] {1, 2.5, -0.03, 4, 5, 6}, m.values(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "ragged row|1,2,3\\n4,5\\n|2|3",
    "long row|1,2\\n3,4,5\\n|2|3",
    "word|1,2\\n3,abc\\n|2|2",
    "NaN|1,NaN\\n3,4\\n|1|2",
    "infinity|1,2\\nInfinity,4\\n|2|1",
    "overflow|1,2\\n3,1e400\\n|2|2",
    "empty cell|1,,3\\n|1|2",
    "hex|0x1p3,2\\n|1|1",
    "suffix|1d,2\\n|1|1",
    "blank line inside|1,2\\n\\n3,4\\n|2|1",
  })
  void malformedFilesNameRowAndColumn(String what, String text, int row, int column) throws IOException {
    Path p = write("bad.csv", text.replace("\\n", "\n"));
    TrialCsvException e = assertThrows(TrialCsvException.class, () -> TrialCsv.read(p));
    assertEquals(row, e.row(), what + ": " + e.getMessage());
    assertEquals(column, e.column(), what + ": " + e.getMessage());
    assertEquals(p.toString(), e.file());
  }

  @Test
  void countsEveryProblemButReportsTheFirst() throws IOException {
    TrialCsvException e = assertThrows(TrialCsvException.class,
        () -> TrialCsv.read(write("many.csv", "1,x\n2,3,4\nNaN,5\n")));
    assertEquals(3, e.problems());
    assertEquals(1, e.row());
    assertEquals(2, e.column());
    assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
  }

  @Test
  void emptyFileAndWidthMismatch() throws IOException {
    assertThrows(TrialCsvException.class, () -> TrialCsv.read(write("empty.csv", "\n\n")));
    Path a = write("a.csv", "1,2,3\n");
    Path b = write("b.csv", "1,2\n");
    TrialCsvException e = assertThrows(TrialCsvException.class,
        () -> TrialCsv.requireSameWidth(TrialCsv.read(a), TrialCsv.read(b), b, a));
    assertEquals(b.toString(), e.file());
    assertEquals(3, e.column());
  }
}
