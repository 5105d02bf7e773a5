package org.trialmatch.nwb;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;

/** Small lookups in an HDF5 tree and in a list of columns, shared by the parts of the reader. */
final class HdfNodes {
  private HdfNodes() {
  }

 /** A node by path, or null when any part of the path is missing. */
  static Node byPath(Group root, String path) {
    Node n = root;
    for (String part : path.split("/")) {
      if (!(n instanceof Group g)) {
        return null;
      }
      n = g.getChildren().get(part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  static Node child(Group g, String name) {
    return g.getChildren().get(name);
  }

  static Dataset childDataset(Group g, String name) {
    Node n = g.getChildren().get(name);
    return n instanceof Dataset d ? d : null;
  }

  /** @return the text of an attribute (its first element when it is an array), "" when there is none */
  static String attributeString(Node n, String name) {
    Attribute a = n.getAttribute(name);
    return a == null ? "" : text(a.getData());
  }

  /** @return the text of a child dataset (its first element when it is an array), "" when there is none */
  static String scalarString(Group g, String name) {
    Dataset d = childDataset(g, name);
    return d == null ? "" : text(d.getData());
  }

  private static String text(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] s && s.length > 0) {
      return s[0];
    }
    return String.valueOf(v);
  }

  static Column findColumn(List<Column> cols, String name) {
    for (Column c : cols) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  static List<String> names(List<Column> cols) {
    List<String> n = new ArrayList<>();
    for (Column c : cols) {
      n.add(c.name());
    }
    return n;
  }
}
