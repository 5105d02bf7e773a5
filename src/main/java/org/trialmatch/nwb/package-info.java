/**
 * Reading NWB 2.x recordings (units, electrodes, interval tables, behaviour series) with io.jhdf, and
 * writing NWB-layout files with the HDF5 C API. Imports no other trialmatch package but
 * {@code org.trialmatch.errors}.
 */
package org.trialmatch.nwb;
