#!/usr/bin/env python3
r"""Write dist/it2-tracker.html: ONE self-contained file for file:// use from a USB stick.

Inlines into web/page.html: web/page.css, web/page.js, web/it2.js, web/files.js, Emscripten's
app.js, and as base64 data blocks the wasm and the demo data files (gzip'd) and the subset font
(not gzip'd: see main()). The page inflates the gzip'd ones with DecompressionStream and hands
the wasm to Emscripten through Module.instantiateWasm: nothing is fetched, not even a data: URL
(which the page's CSP would refuse), and gzip keeps the file about 1 MB smaller than
-sSINGLE_FILE=1 would.

The template itself travels too (#it2-shell, its <title> replaced by a marker): web/page.js puts
the parts back into it to rebuild this very file byte for byte, which 导出本校页面 (a principal's
own page, src/core/school_page.h) starts from. So every element written here has a form that
page.js writes again: see ownHtml() there.

The file is ASCII only (Chinese as character references and \u escapes): see main().

Usage: bundle-page.py --template web/page.html --web web --app app.js --wasm app.wasm
                      --font font.otf --out dist/it2-tracker.html [DEMO_JSON_FILES...]
"""
import argparse
import base64
import gzip
import json
import os
import re
import sys

PAGE_LIMIT_BYTES = 5 * 1000 * 1000


def read_text(path):
    with open(path, "r", encoding="utf-8") as handle:
        return handle.read()


def script_safe(text, what):
    # An inline <script> ends at the first "</script"; "<!--" can change how the HTML parser
    # reads it. Neither occurs in our code: fail loudly if one ever does.
    for marker in ("</script", "<!--"):
        if marker in text.lower():
            sys.exit(f"bundle-page.py: {what} contains '{marker}': it cannot be inlined safely.")
    return text


def ascii_js(text):
    # Every character above U+007F as a \uXXXX escape (a surrogate pair above U+FFFF): the same
    # string, regular expression or comment, written in ASCII. main() says why.
    def escape(match):
        code = ord(match.group(0))
        if code < 0x10000:
            return "\\u%04x" % code
        code -= 0x10000
        return "\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
    return re.sub(r"[^\x00-\x7f]", escape, text)


def ascii_html(text):
    # Every character above U+007F as a numeric character reference, as web/page.js writes the
    # title again (ownHtml) and src/core/school_page.cpp writes a school's (html_escape_ascii).
    return re.sub(r"[^\x00-\x7f]", lambda match: "&#x%x;" % ord(match.group(0)), text)


def asset_element(element_id, raw_bytes, compress=True):
    encoding = "gzip+base64" if compress else "base64"
    packed = base64.b64encode(gzip.compress(raw_bytes, compresslevel=9, mtime=0) if compress else raw_bytes).decode("ascii")
    lines = [packed[i:i + 16384] for i in range(0, len(packed), 16384)]
    return (f'<script type="application/octet-stream" id="{element_id}" data-encoding="{encoding}">\n'
            + "\n".join(lines) + "\n</script>")


def shell_element(template):
    # The template with its title as a marker, as JSON inside a <script> (no "<", ">" or "&" left
    # that the HTML parser could read).
    start, end = template.index("<title>") + len("<title>"), template.index("</title>")
    shell = template[:start] + "IT2:TITLE" + template[end:]
    text = json.dumps(shell, ensure_ascii=False)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return f'<script type="application/json" id="it2-shell">{text}</script>'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", required=True)
    parser.add_argument("--web", required=True)
    parser.add_argument("--app", required=True)
    parser.add_argument("--wasm", required=True)
    parser.add_argument("--font", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("demo_files", nargs="*")
    args = parser.parse_args()

    # The page is written in ASCII only: Chinese in the template as character references, in the
    # scripts as \u escapes. Chromium then decodes and parses its 3.5 MB as 8-bit text, which
    # took 200 ms less before the page's script ran than the same page in UTF-8 with its few
    # hundred Chinese characters (docs/performance.md, session 11).
    page = ascii_html(read_text(args.template))
    css = read_text(os.path.join(args.web, "page.css"))
    if not css.isascii():
        sys.exit("bundle-page.py: web/page.css holds a character above U+007F: write it as a CSS escape (\\4e2d).")
    parts = {
        "/*IT2:CSS*/": css,
        "/*IT2:PAGE_JS*/": ascii_js(script_safe(read_text(os.path.join(args.web, "page.js")), "web/page.js")),
        "/*IT2:HOOK_JS*/": ascii_js(script_safe(read_text(os.path.join(args.web, "it2.js")), "web/it2.js")),
        "/*IT2:FILES_JS*/": ascii_js(script_safe(read_text(os.path.join(args.web, "files.js")), "web/files.js")),
        "/*IT2:APP_JS*/": ascii_js(script_safe(read_text(args.app), "app.js")),
    }

    if page.count("<title>") != 1 or page.count("</title>") != 1:
        sys.exit(f"bundle-page.py: {args.template} must have exactly one <title>.")
    assets = [shell_element(page)]
    # The font is not gzip'd: its outlines are already packed (1.95 MB, 1.66 MB gzip'd), and
    # inflating it on the page's main thread cost more than the 0.39 MB of text it saved: with it
    # plain, the assets were ready 70-120 ms sooner at 1x (docs/performance.md, session 11).
    for element_id, path, compress in (("it2-wasm", args.wasm, True), ("it2-font", args.font, False)):
        with open(path, "rb") as handle:
            assets.append(asset_element(element_id, handle.read(), compress))
    # Demo files travel byte for byte (some are broken on purpose, for the data-problems view):
    # one JSON index line [{"name", "size"}, …], then the files' bytes back to back.
    demo_index, demo_bytes = [], []
    for path in sorted(args.demo_files):
        with open(path, "rb") as handle:
            data = handle.read()
        demo_index.append({"name": os.path.basename(path), "size": len(data)})
        demo_bytes.append(data)
    if demo_index:
        archive = json.dumps(demo_index, ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(demo_bytes)
        assets.append(asset_element("it2-demo", archive))
    parts["<!--IT2:ASSETS-->"] = "\n".join(assets)

    for marker, content in parts.items():
        if page.count(marker) != 1:
            sys.exit(f"bundle-page.py: marker {marker} must appear exactly once in {args.template}.")
        page = page.replace(marker, content)

    if not page.isascii():
        sys.exit("bundle-page.py: the page holds a character above U+007F after escaping: see ascii_html and ascii_js.")
    encoded = page.encode("ascii")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    temporary = args.out + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(encoded)
    os.replace(temporary, args.out)
    print(f"bundle-page.py: {args.out}: {len(encoded) / 1e6:.2f} MB "
          f"({len(demo_index)} demo files, limit {PAGE_LIMIT_BYTES / 1e6:.0f} MB)")
    if len(encoded) > PAGE_LIMIT_BYTES:
        sys.exit(f"bundle-page.py: the page is {len(encoded)} bytes, over the {PAGE_LIMIT_BYTES}-byte limit: "
                 "shrink the demo data or the font subset.")


if __name__ == "__main__":
    main()
