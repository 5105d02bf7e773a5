package org.trialmatch.nwb.write;

/** Which neurodata type the electrodes table carries. */
public enum ElectrodesTableType {
  /** {@code DynamicTable} of namespace {@code hdmf-common}, as pynwb writes for NWB up to 2.8. */
  DYNAMIC_TABLE("hdmf-common", "DynamicTable"),
  /** {@code ElectrodesTable} of namespace {@code core}, as newer schema versions define it. */
  ELECTRODES_TABLE("core", "ElectrodesTable");

  private final String namespace;
  private final String neurodataType;

  ElectrodesTableType(String namespace, String neurodataType) {
    this.namespace = namespace;
    this.neurodataType = neurodataType;
  }

  /** @return the {@code namespace} attribute value */
  public String namespace() {
    return namespace;
  }

  /** @return the {@code neurodata_type} attribute value */
  public String neurodataType() {
    return neurodataType;
  }
}
