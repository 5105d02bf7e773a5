package org.trialmatch.nwb.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.trialmatch.nwb.write.Attr.DoubleAttr;
import org.trialmatch.nwb.write.Attr.IntAttr;
import org.trialmatch.nwb.write.Attr.RefAttr;
import org.trialmatch.nwb.write.Attr.TextAttr;
import org.trialmatch.nwb.write.Attr.TextsAttr;

/**
 * The NWB layout of one {@link NwbWriteSpec} in an {@link Hdf5Image}: which groups, datasets, attributes, links
 * and references each part of the description becomes, with the neurodata types, namespaces and the
 * {@code object_id} of every typed object, in file order: the root ({@code NWBFile}), {@code general/}
 * (metadata, devices, electrode groups, the electrodes table), {@code units}, {@code intervals/} and the
 * TimeSeries under {@code acquisition/} and {@code processing/}. Object ids are drawn from the spec's seed in
 * that order (random UUIDs without a seed). Lives for one write.
 */
final class NwbLayout {
  private static final String CORE = "core";
  private static final String HDMF = "hdmf-common";

  private final NwbWriteSpec spec;
  private final NwbWriter.SectionHook hook;
  private final Hdf5Image image;
  private final SplittableRandom idRandom;

  /**
   * @param spec what to write
   * @param hook called before each section, or null
   * @param image the open in-memory file
   */
  NwbLayout(NwbWriteSpec spec, NwbWriter.SectionHook hook, Hdf5Image image) {
    this.spec = spec;
    this.hook = hook;
    this.image = image;
    this.idRandom = spec.objectIdSeed().isPresent() ? new SplittableRandom(spec.objectIdSeed().getAsLong())
        : null;
  }

  /**
   * Writes the whole file, section by section in file order.
   *
   * @throws IOException from the section hook
   */
  void writeFile() throws IOException {
    List<Attr> rootAttrs = new ArrayList<>(typed(CORE, "NWBFile"));
    rootAttrs.add(new TextAttr("nwb_version", spec.nwbVersion()));
    image.rootAttributes(rootAttrs);
    image.textScalar("identifier", spec.identifier(), List.of());
    image.textScalar("session_description", spec.sessionDescription(), List.of());
    image.textScalar("session_start_time", spec.sessionStartTime(), List.of());
    image.textScalar("timestamps_reference_time", spec.timestampsReferenceTime(), List.of());
    image.texts("file_create_date", spec.fileCreateDate().toArray(new String[0]), List.of());
    for (String g : List.of("acquisition", "analysis", "processing", "stimulus", "stimulus/presentation",
        "stimulus/templates", "general")) {
      image.group(g, List.of());
    }
    section("general");
    writeGeneral();
    if (spec.units().isPresent()) {
      section("units");
      writeUnits(spec.units().get());
    }
    if (!spec.intervals().isEmpty()) {
      section("intervals");
      image.group("intervals", List.of());
      for (IntervalsSpec t : spec.intervals()) {
        writeIntervals(t);
      }
    }
    section("series");
    writeSeries();
  }

  private void section(String name) throws IOException {
    if (hook != null) {
      hook.beforeSection(name, image.fileId());
    }
  }

  // ---- general/

  private void writeGeneral() {
    NwbMetadata m = spec.metadata();
    if (!m.experimentDescription().isEmpty()) {
      image.textScalar("general/experiment_description", m.experimentDescription(), List.of());
    }
    if (!m.institution().isEmpty()) {
      image.textScalar("general/institution", m.institution(), List.of());
    }
    if (!m.experimenter().isEmpty()) {
      image.texts("general/experimenter", m.experimenter().toArray(new String[0]), List.of());
    }
    if (!m.keywords().isEmpty()) {
      image.texts("general/keywords", m.keywords().toArray(new String[0]), List.of());
    }
    if (m.subject().isPresent()) {
      NwbMetadata.Subject sub = m.subject().get();
      image.group("general/subject", typed(CORE, "Subject"));
      image.textScalar("general/subject/subject_id", sub.subjectId(), List.of());
      image.textScalar("general/subject/species", sub.species(), List.of());
      image.textScalar("general/subject/sex", sub.sex(), List.of());
      if (!sub.age().isEmpty()) {
        image.textScalar("general/subject/age", sub.age(), List.of(new TextAttr("reference", "birth")));
      }
      if (!sub.description().isEmpty()) {
        image.textScalar("general/subject/description", sub.description(), List.of());
      }
    }
    if (!spec.devices().isEmpty()) {
      image.group("general/devices", List.of());
      for (Device d : spec.devices()) {
        List<Attr> attrs = new ArrayList<>(typed(CORE, "Device"));
        attrs.add(new TextAttr("description", d.description()));
        attrs.add(new TextAttr("manufacturer", d.manufacturer()));
        image.group("general/devices/" + d.name(), attrs);
      }
    }
    if (spec.electrodeGroups().isEmpty() && spec.electrodes().isEmpty()) {
      return;
    }
    String ece = "general/extracellular_ephys";
    image.group(ece, List.of());
    for (ElectrodeGroup g : spec.electrodeGroups()) {
      String path = ece + "/" + g.name();
      List<Attr> attrs = new ArrayList<>(typed(CORE, "ElectrodeGroup"));
      attrs.add(new TextAttr("description", g.description()));
      attrs.add(new TextAttr("location", g.location()));
      image.group(path, attrs);
      image.softLink("general/devices/" + g.device(), path + "/device");
    }
    List<ElectrodeRow> rows = spec.electrodes();
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    double[] imp = new double[n];
    String[] location = new String[n];
    String[] filtering = new String[n];
    String[] groupRefs = new String[n];
    String[] groupName = new String[n];
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ElectrodeRow r = rows.get(i);
      ids[i] = r.id();
      x[i] = r.x();
      y[i] = r.y();
      z[i] = r.z();
      imp[i] = r.imp();
      location[i] = r.location();
      filtering[i] = r.filtering();
      groupRefs[i] = ece + "/" + r.group();
      groupName[i] = r.group();
    }
    String t = ece + "/electrodes";
    List<String> colnames = List.of("x", "y", "z", "imp", "location", "filtering", "group", "group_name");
    List<Attr> attrs = new ArrayList<>(
        typed(spec.electrodesTableType().namespace(), spec.electrodesTableType().neurodataType()));
    attrs.add(new TextsAttr("colnames", colnames));
    attrs.add(new TextAttr("description", spec.electrodesDescription()));
    image.group(t, attrs);
    image.doubles(t + "/x", x, vectorData("x coordinate of the channel location in the brain"));
    image.doubles(t + "/y", y, vectorData("y coordinate of the channel location in the brain"));
    image.doubles(t + "/z", z, vectorData("z coordinate of the channel location in the brain"));
    image.doubles(t + "/imp", imp, vectorData("the impedance of the channel, in ohms"));
    image.texts(t + "/location", location, vectorData("the location of channel within the subject e.g. brain region"));
    image.texts(t + "/filtering", filtering, vectorData("description of hardware filtering"));
    image.refs(t + "/group", groupRefs, vectorData("a reference to the ElectrodeGroup this electrode is a part of"));
    image.texts(t + "/group_name", groupName, vectorData("the name of the ElectrodeGroup this electrode is a part of"));
    image.longs(t + "/id", ids, IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
  }

  // ---- units/

  private void writeUnits(UnitsSpec u) {
    String t = "units";
    boolean hasElectrodes = u.electrodesLayout() != UnitElectrodes.NONE;
    List<String> colnames = new ArrayList<>();
    colnames.add("spike_times");
    if (hasElectrodes) {
      colnames.add("electrodes");
    }
    for (ColumnSpec c : u.columns()) {
      colnames.add(c.name());
    }
    List<Attr> attrs = new ArrayList<>(typed(CORE, "Units"));
    attrs.add(new TextsAttr("colnames", colnames));
    attrs.add(new TextAttr("description", u.description()));
    image.group(t, attrs);

    double[] spikes = u.spikeTimesData();
    int chunk = Math.min(u.spikeTimesChunkLength(), spikes.length);
    if (chunk > 0) {
      image.chunkedDoubles(t + "/spike_times", spikes, chunk, u.spikeTimesGzipLevel(),
          vectorData("the spike times for each unit in seconds"));
    } else {
      image.doubles(t + "/spike_times", spikes, vectorData("the spike times for each unit in seconds"));
    }
    image.longs(t + "/spike_times_index", u.spikeTimesIndex(), u.spikeTimesIndexType(),
        vectorIndex("Index for VectorData 'spike_times'", t + "/spike_times"));

    if (hasElectrodes) {
      List<Attr> region = new ArrayList<>(typed(HDMF, "DynamicTableRegion"));
      region.add(new TextAttr("description", "electrode that each spike unit came from"));
      region.add(new RefAttr("table", "general/extracellular_ephys/electrodes"));
      image.longs(t + "/electrodes", u.electrodesData(), IndexType.INT64, region);
      if (u.electrodesLayout() == UnitElectrodes.RAGGED) {
        image.longs(t + "/electrodes_index", u.electrodesIndex(), u.electrodesIndexType(),
            vectorIndex("Index for VectorData 'electrodes'", t + "/electrodes"));
      }
    }
    for (ColumnSpec c : u.columns()) {
      column(t, c);
    }
    image.longs(t + "/id", u.ids(), IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
  }

  // ---- intervals/

  private void writeIntervals(IntervalsSpec table) {
    String t = "intervals/" + table.name();
    List<String> colnames = new ArrayList<>();
    for (ColumnSpec c : table.columns()) {
      colnames.add(c.name());
    }
    List<Attr> attrs = new ArrayList<>(typed(CORE, "TimeIntervals"));
    attrs.add(new TextsAttr("colnames", colnames));
    attrs.add(new TextAttr("description", table.description()));
    image.group(t, attrs);
    for (ColumnSpec c : table.columns()) {
      column(t, c);
    }
    image.longs(t + "/id", table.ids(), IndexType.INT64, typed(HDMF, "ElementIdentifiers"));
  }

  private void column(String table, ColumnSpec c) {
    String path = table + "/" + c.name();
    List<Attr> attrs = vectorData(c.description());
    switch (c.type()) {
      case FLOAT64 -> image.doubles(path, c.floatValues(), attrs);
      case INT32 -> image.ints(path, c.intValues(), attrs);
      case INT64 -> image.longs(path, c.longValues(), IndexType.INT64, attrs);
      case BOOL -> image.bools(path, c.boolValues(), attrs);
      case TEXT -> image.texts(path, c.textValues(), attrs);
    }
  }

  // ---- acquisition/ and processing/

  private void writeSeries() {
    for (var m : spec.processingModules().entrySet()) {
      List<Attr> attrs = new ArrayList<>(typed(CORE, "ProcessingModule"));
      attrs.add(new TextAttr("description", m.getValue()));
      image.group("processing/" + m.getKey(), attrs);
    }
    Set<String> containers = new HashSet<>();
    for (SeriesSpec s : spec.series()) {
      String parent = s.module().map(m -> "processing/" + m).orElse("acquisition");
      if (s.containerName().isPresent()) {
        parent = parent + "/" + s.containerName().get();
        if (containers.add(parent)) {
          image.group(parent, typed(CORE, s.containerType().get()));
        }
      }
      String p = parent + "/" + s.name();
      List<Attr> attrs = new ArrayList<>(typed(CORE, s.neurodataType()));
      attrs.add(new TextAttr("comments", s.comments()));
      attrs.add(new TextAttr("description", s.description()));
      image.group(p, attrs);
      if (s.hasData()) {
        List<Attr> dataAttrs = List.of(new DoubleAttr("conversion", s.conversion()),
            new DoubleAttr("offset", s.offset()), new DoubleAttr("resolution", s.resolution()),
            new TextAttr("unit", s.unit()));
        image.doubles(p + "/data", s.data(), dataAttrs);
      }
      if (s.hasTimestamps()) {
        image.doubles(p + "/timestamps", s.timestamps(),
            List.of(new IntAttr("interval", 1), new TextAttr("unit", "seconds")));
      } else {
        image.doubleScalar(p + "/starting_time", s.startingTimeS(),
            List.of(new DoubleAttr("rate", s.rateHz()), new TextAttr("unit", "seconds")));
      }
    }
  }

  // ---- attribute lists

  private List<Attr> typed(String namespace, String neurodataType) {
    return List.of(new TextAttr("namespace", namespace), new TextAttr("neurodata_type", neurodataType),
        new TextAttr("object_id", objectId()));
  }

  private List<Attr> vectorData(String description) {
    List<Attr> a = new ArrayList<>(typed(HDMF, "VectorData"));
    a.add(new TextAttr("description", description));
    return a;
  }

  private List<Attr> vectorIndex(String description, String target) {
    List<Attr> a = new ArrayList<>(typed(HDMF, "VectorIndex"));
    a.add(new TextAttr("description", description));
    a.add(new RefAttr("target", target));
    return a;
  }

  private String objectId() {
    if (idRandom == null) {
      return UUID.randomUUID().toString();
    }
    long msb = (idRandom.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (idRandom.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
