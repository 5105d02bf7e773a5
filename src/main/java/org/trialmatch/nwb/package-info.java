/**
 * Reading NWB 2.x recordings (units, electrodes, interval tables, behaviour series) with io.jhdf; writing
 * NWB-layout files is {@code org.trialmatch.nwb.write}'s job. Imports no other trialmatch package but
 * {@code org.trialmatch.errors}.
 */
package org.trialmatch.nwb;
