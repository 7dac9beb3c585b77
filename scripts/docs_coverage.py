#!/usr/bin/env python3
"""Lists the public declarations of the given modules that have no `///` comment, from the symbol graphs that
`swift package generate-documentation` extracted; exits 1 when there is any.

    scripts/docs_coverage.py .build MODULE...

Not counted: declarations the compiler synthesized, and members that implement a protocol requirement (DocC shows
the requirement's documentation for them).
"""
import glob
import json
import sys


def undocumented(build, module):
    graphs = glob.glob(f"{build}/*/extracted-symbols/*/{module}/{module}.symbols.json")
    if not graphs:
        sys.exit(f"docs: no symbol graph of {module} under {build}: run swift package generate-documentation first")
    for path in graphs:
        graph = json.load(open(path))
        inherited = {r["source"] for r in graph.get("relationships", [])
                     if r.get("sourceOrigin") or r["kind"] == "defaultImplementationOf"}
        for symbol in graph["symbols"]:
            identifier = symbol["identifier"]["precise"]
            if symbol.get("accessLevel") not in ("public", "open") or symbol.get("docComment"):
                continue
            if "::SYNTHESIZED::" in identifier or identifier in inherited:
                continue
            location = symbol.get("location", {}).get("uri", "").split("/Sources/")[-1]
            yield f"{location}: {symbol['kind']['displayName'].lower()} {'.'.join(symbol['pathComponents'])}"


def main():
    build, modules = sys.argv[1], sys.argv[2:]
    missing = sorted(line for module in modules for line in undocumented(build, module))
    for line in missing:
        print(f"undocumented: {line}")
    print(f"docs: {len(missing)} public declaration(s) without a /// comment in {', '.join(modules)}")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
