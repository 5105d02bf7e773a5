package org.trialmatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.trialmatch.data.ConfigException;
import org.trialmatch.data.TrialSetException;
import org.trialmatch.errors.InputException;
import org.trialmatch.loss.TrialCsvException;
import org.trialmatch.nwb.NwbFormatException;
import org.trialmatch.train.TrainingStoppedException;

class ExitCodesTest {

  @Test
  void configurationProblemsAreUsageErrors() {
    ConfigException c = new ConfigException("train.lr", "must be > 0, was -1.0");
    assertEquals(ExitCodes.USAGE, ExitCodes.forException(c));
    assertEquals("train.lr: must be > 0, was -1.0", ExitCodes.message(c));
    assertEquals("train.lr", c.key());
    InputException other = new InputException(InputException.Kind.CONFIGURATION, "--x: bad") {
      private static final long serialVersionUID = 1L;
    };
    assertEquals(ExitCodes.USAGE, ExitCodes.forException(other));
    assertTrue(other.isConfiguration());
  }

  @Test
  void dataProblemsAreBadInput() {
    NwbFormatException nwb = new NwbFormatException(Path.of("a.nwb"), "units/spike_times", "a dataset", "nothing");
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.forException(nwb));
    assertEquals("a.nwb: units/spike_times: expected a dataset, found nothing", ExitCodes.message(nwb));
    assertEquals(Path.of("a.nwb"), nwb.file());
    assertEquals("units/spike_times", nwb.inFilePath());
    assertEquals(InputException.Kind.DATA, nwb.kind());
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.forException(new TrialSetException("a.nwb: no trial left")));
    TrialCsvException csv = new TrialCsvException("d.csv", 2, 3, "a number", "'x'", 1);
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.forException(csv));
    assertEquals(2, csv.row());
    assertFalse(csv.isConfiguration());
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.forException(new NoSuchFileException("x.json")));
    assertEquals("file not found: x.json", ExitCodes.message(new NoSuchFileException("x.json")));
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.forException(new FileNotFoundException("x.csv")));
  }

  @Test
  void otherExceptionsAreInternalErrors() {
    for (RuntimeException ex : new RuntimeException[] {
        new IllegalArgumentException("trace shape (2, 3, 4) does not match"),
        new IllegalStateException("unknown method"),
        new NullPointerException()}) {
      assertEquals(ExitCodes.FAILURE, ExitCodes.forException(ex), ex.toString());
      String m = ExitCodes.message(ex);
      assertTrue(m.startsWith("internal error: "), m);
      assertTrue(m.contains("--verbose") && m.contains(ex.getClass().getSimpleName()), m);
      assertFalse(m.contains("\n"), m);
    }
    assertTrue(ExitCodes.message(new IllegalArgumentException("a\nb")).contains("a b"));
  }

  @Test
  void stoppedFitsAndFailedWritesAreFailuresNotInternalErrors() {
    TrainingStoppedException stop = new TrainingStoppedException("step 12: loss is NaN");
    assertEquals(ExitCodes.FAILURE, ExitCodes.forException(stop));
    assertEquals("step 12: loss is NaN", ExitCodes.message(stop));
    IOException denied = new AccessDeniedException("run/metrics.csv");
    assertEquals(ExitCodes.FAILURE, ExitCodes.forException(denied));
    assertFalse(ExitCodes.message(denied).startsWith("internal error"), ExitCodes.message(denied));
    assertTrue(ExitCodes.message(denied).contains("run/metrics.csv"), ExitCodes.message(denied));
  }
}
