package org.trialmatch.nwb.write;

import java.util.List;

/** An attribute to attach to a group or dataset, as {@link Hdf5Image} writes it. */
sealed interface Attr permits Attr.TextAttr, Attr.TextsAttr, Attr.DoubleAttr, Attr.IntAttr, Attr.RefAttr {
  /** @return the attribute's name */
  String name();

  /** A variable-length UTF-8 string scalar. */
  record TextAttr(String name, String value) implements Attr {
  }

  /** A 1-D array of variable-length UTF-8 strings. */
  record TextsAttr(String name, List<String> values) implements Attr {
  }

  /** A float64 scalar. */
  record DoubleAttr(String name, double value) implements Attr {
  }

  /** An int32 scalar. */
  record IntAttr(String name, int value) implements Attr {
  }

  /** Object reference to the object at {@code target} (absolute in-file path without leading '/'). */
  record RefAttr(String name, String target) implements Attr {
  }
}
