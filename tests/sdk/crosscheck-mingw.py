#!/usr/bin/env python3
"""crosscheck-mingw.py - compare the SDK headers with Debian's mingw-w64
copies of the Windows headers (package mingw-w64-common), which the brief
names as the cross-check for values and field order.

  * every #define and enumerator that BOTH define must have the same value:
    ours are evaluated by compiling a C program against ihvhost/include,
    mingw's are parsed from text (literals and references to other names);
  * every struct BOTH define (by typedef name) must list the same fields in
    the same order (mingw's NTDDI-conditional tails are included).

Usage: tests/sdk/crosscheck-mingw.py [MINGW_INCLUDE_DIR]
Exit 0: all shared names agree; 1: a mismatch (each printed); 77: skipped,
mingw-w64-common is not installed (said loudly on stderr).
"""
import os, re, subprocess, sys, tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OURS = os.path.join(ROOT, "ihvhost", "include")
MINGW = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/mingw-w64/include"
FILES = ["windot11.h", "wlantypes.h", "wlanihvtypes.h", "eaptypes.h", "l2cmn.h",
         "winerror.h", "ntddndis.h",
         # the Win32 part of the SDK (<windows.h> and its siblings)
         "guiddef.h", "basetsd.h", "minwindef.h", "winnt.h", "windef.h",
         "minwinbase.h", "winbase.h", "synchapi.h", "processthreadsapi.h",
         "heapapi.h", "winnls.h", "stringapiset.h", "strsafe.h"]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    # mingw spells some declarations twice, for its IDL compiler and for C:
    # keep the C branch only.
    return re.sub(r"#\s*ifdef\s+__WIDL__.*?(?:#\s*else|#\s*endif)", " ", text, flags=re.S)


def num(tok):
    # casts as mingw spells them: ((HRESULT)0x8007007AL), ((DWORD)0xFFFFFFFF)
    tok = re.sub(r"^\(*\s*\(?(?:HRESULT|DWORD|LONG|ULONG)\)\s*", "", tok.strip())
    tok = tok.strip("() ").rstrip("uUlL")
    m = re.fullmatch(r"(?:__MSABI_LONG|_HRESULT_TYPEDEF_|\(HRESULT\))\s*\(?\s*(\w+)\s*\)?", tok)
    if m:
        tok = m.group(1).rstrip("uUlL")
    try:
        return int(tok, 0)
    except ValueError:
        return None


def parse_values(text, names):
    """#defines and enumerators -> {name: int}, resolving simple aliases."""
    raw = {}
    for m in re.finditer(r"^\s*#\s*define\s+(\w+)\s+(.+?)\s*$", text, flags=re.M):
        raw[m.group(1)] = m.group(2).strip("() ")
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\}", text, flags=re.S):
        prev = -1
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                n, v = [x.strip() for x in item.split("=", 1)]
                raw[n] = v
                val = num(v)
                prev = val if val is not None else None
            else:
                n = item
                if prev is not None:
                    prev += 1
                    raw[n] = str(prev)
    vals = {}
    for n in raw:
        v, seen = raw[n], set()
        while num(v) is None and v in raw and v not in seen:
            seen.add(v)
            v = raw[v].strip("() ")
        if num(v) is not None and n in names:
            vals[n] = num(v)
    return vals


def parse_structs(text):
    out = {}
    pat = r"typedef\s+(?:struct|union)\s*\w*\s*\{(.*?)\}\s*(\w+)"
    for body, name in re.findall(pat, text, flags=re.S):
        if "{" in body:  # nested aggregates: compare only flat ones
            continue
        body = re.sub(r"^\s*#.*$", "", body, flags=re.M)
        fields = []
        for decl in body.split(";"):
            decl = re.sub(r"\[[^\]]*\]", "", decl).strip()
            if not decl:
                continue
            words = re.findall(r"\w+", decl.split(",")[0])
            first = words[-1] if words else None
            fields.append(first)
            fields += [re.findall(r"\w+", d)[-1] for d in decl.split(",")[1:]]
        out[name] = fields
    return out


def main():
    if not os.path.isdir(MINGW) or not os.path.exists(os.path.join(MINGW, "windot11.h")):
        print("crosscheck-mingw.py: SKIP: %s/windot11.h not found "
              "(apt-get install mingw-w64-common)" % MINGW, file=sys.stderr)
        return 77
    ours_text = "".join(strip_comments(open(os.path.join(OURS, f)).read())
                        for f in sorted(os.listdir(OURS)) if f.endswith(".h"))
    theirs_text = "".join(strip_comments(open(os.path.join(MINGW, f), errors="replace").read())
                          for f in FILES if os.path.exists(os.path.join(MINGW, f)))
    our_names = set(re.findall(r"^\s*#\s*define\s+(\w+)", ours_text, flags=re.M))
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\}", ours_text, flags=re.S):
        our_names |= {i.split("=")[0].strip() for i in body.split(",") if i.strip()}
    our_names = {n for n in our_names if re.fullmatch(r"[A-Za-z]\w*", n)
                 and not n.startswith("IHVSDK_")}
    theirs = parse_values(theirs_text, our_names)

    failures = 0
    # Our values: compile-time, from the real headers.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "v.c")
        with open(src, "w") as f:
            f.write("#include <stdio.h>\n#include <windows.h>\n#include <strsafe.h>\n"
                    "#include <wlanihv.h>\nint main(void){\n")
            for n in sorted(theirs):
                f.write('printf("%%s %%llu\\n", "%s", (unsigned long long)(%s));\n' % (n, n))
            f.write("return 0;}\n")
        exe = os.path.join(tmp, "v")
        subprocess.run(["cc", "-w", "-I" + OURS, src, "-o", exe], check=True)
        ours = {}
        for line in subprocess.run([exe], check=True, capture_output=True,
                                   text=True).stdout.splitlines():
            n, v = line.split()
            ours[n] = int(v)
    for n in sorted(theirs):
        a, b = ours[n], theirs[n] & 0xffffffffffffffff
        if a != b and (a & 0xffffffff) != (b & 0xffffffff):
            print("MISMATCH value %s: ours %#x, mingw %#x" % (n, a, b))
            failures += 1
    our_structs = parse_structs(ours_text)
    their_structs = parse_structs(theirs_text)
    shared = sorted(set(our_structs) & set(their_structs))
    for n in shared:
        if our_structs[n] != their_structs[n]:
            print("MISMATCH fields %s:\n  ours  %s\n  mingw %s" %
                  (n, our_structs[n], their_structs[n]))
            failures += 1
    print("crosscheck-mingw.py: %d shared values, %d shared structs (%s), %d mismatches"
          % (len(theirs), len(shared), ", ".join(shared), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
