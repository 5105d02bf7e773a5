/**
 * Writing NWB 2.x files with the HDF5 C API ({@code org.bytedeco.hdf5}): a file is described by an
 * {@link org.trialmatch.nwb.write.NwbWriteSpec} (devices, electrode groups and rows, a
 * {@link org.trialmatch.nwb.write.UnitsSpec}, {@link org.trialmatch.nwb.write.IntervalsSpec} tables with
 * {@link org.trialmatch.nwb.write.ColumnSpec} columns, {@link org.trialmatch.nwb.write.SeriesSpec} TimeSeries,
 * {@link org.trialmatch.nwb.write.NwbMetadata}), whose builders check it as a whole, and written by
 * {@link org.trialmatch.nwb.write.NwbWriter}. Reading is {@code org.trialmatch.nwb}'s job. Imports no other
 * trialmatch package.
 */
package org.trialmatch.nwb.write;
