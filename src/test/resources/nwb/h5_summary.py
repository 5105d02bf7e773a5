#!/usr/bin/env python3
"""Print a JSON summary of HDF5 files as h5py reads them, for NwbWriterTest.

Usage: h5_summary.py FILE [FILE ...]   ->  {"h5py": ..., "hdf5": ..., "files": {FILE: summary}}

A summary holds the superblock version and, for every object reached from the root through hard
links, its kind (group, dataset, softlink), attributes and, for datasets, shape, dtype, HDF5 type
details, storage (chunks, compression) and values; a soft link gives its target path and the
object_id attribute of the object it resolves to (null when it dangles). Object references are dereferenced to the target's path; NaN is written as the
string "NaN" (JSON has no NaN), +/-Inf as "Infinity"/"-Infinity".

Checked with h5py 3.7.0 / HDF5 1.10.8 / numpy 1.24.2 (Debian 12 python3-h5py).
"""
import json
import math
import sys

import h5py
import numpy as np


def enc(value, f):
    if isinstance(value, h5py.Reference):
        return {"ref": f[value].name if value else None}
    if isinstance(value, np.ndarray):
        return [enc(v, f) for v in value]
    if isinstance(value, (list, tuple)):
        return [enc(v, f) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        x = float(value)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return value


def type_info(tid):
    """What the HDF5 type is, beyond numpy's dtype."""
    info = {"class": type(tid).__name__}
    if isinstance(tid, h5py.h5t.TypeStringID):
        info["variable"] = bool(tid.is_variable_str())
        info["cset"] = "utf-8" if tid.get_cset() == h5py.h5t.CSET_UTF8 else "ascii"
    elif isinstance(tid, h5py.h5t.TypeEnumID):
        info["base"] = str(tid.get_super().dtype)
        info["members"] = {tid.get_member_name(i).decode(): int(tid.get_member_value(i))
                           for i in range(tid.get_nmembers())}
    elif isinstance(tid, h5py.h5t.TypeReferenceID):
        info["size"] = tid.get_size()
    elif isinstance(tid, (h5py.h5t.TypeIntegerID, h5py.h5t.TypeFloatID)):
        info["size"] = tid.get_size()
        info["order"] = "little" if tid.get_order() == h5py.h5t.ORDER_LE else "big"
    return info


def dtype_name(dtype):
    s = h5py.check_string_dtype(dtype)
    if s is not None:
        return "vlen-" + s.encoding if s.length is None else "fixed-" + s.encoding
    if h5py.check_ref_dtype(dtype) is not None:
        return "object-ref"
    return str(dtype)


def attrs(obj, f):
    out = {}
    for name in obj.attrs:
        value = obj.attrs[name]
        out[name] = enc(value, f)
    return out


def walk(group, f, objects):
    for name in group:
        link = group.get(name, getlink=True)
        path = group.name.rstrip("/") + "/" + name
        if isinstance(link, h5py.SoftLink):
            resolved = group.get(name)
            objects[path] = {"kind": "softlink", "target": link.path,
                             "resolved_object_id": None if resolved is None
                             else enc(resolved.attrs.get("object_id"), f)}
            continue
        if isinstance(link, h5py.ExternalLink):
            objects[path] = {"kind": "externallink"}
            continue
        obj = group[name]
        if isinstance(obj, h5py.Group):
            objects[path] = {"kind": "group", "attrs": attrs(obj, f)}
            walk(obj, f, objects)
        else:
            entry = {"kind": "dataset", "attrs": attrs(obj, f), "shape": list(obj.shape),
                     "dtype": dtype_name(obj.dtype), "type": type_info(obj.id.get_type()),
                     "chunks": list(obj.chunks) if obj.chunks else None,
                     "compression": obj.compression}
            if h5py.check_string_dtype(obj.dtype) is not None:
                entry["value"] = enc(obj.asstr()[()], f)
            else:
                entry["value"] = enc(obj[()], f)
            objects[path] = entry


def summary(path):
    with h5py.File(path, "r") as f:
        objects = {"/": {"kind": "group", "attrs": attrs(f, f)}}
        walk(f, f, objects)
        return {"superblock": f.id.get_create_plist().get_version()[0], "objects": objects}


def main(paths):
    result = {"h5py": h5py.version.version, "hdf5": h5py.version.hdf5_version,
              "files": {p: summary(p) for p in paths}}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
