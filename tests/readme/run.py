#!/usr/bin/env python3
"""The README's examples, run: every indented block that starts with "$ " is a command run from a
scratch folder where build/logis is the logis under test and data/ the project's samples, in the
README's order (an example may read what an earlier one wrote); its output must match the lines
shown under it. In the shown output, "…" stands for any text (a whole line of it: any lines), and
times (a number of seconds, or a table's last column of decimals) are not compared."""
import os, re, subprocess, sys, tempfile

def examples(readme):
    """(line number, command, expected lines) for each "    $ " block."""
    lines = open(readme, encoding="utf-8").read().split("\n")
    found, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("    $ "):
            i += 1
            continue
        start, command = i + 1, [lines[i][6:]]
        while command[-1].rstrip().endswith(("|", "\\")):
            i += 1
            command.append(lines[i].strip())
        i += 1
        expected = []
        while (i < len(lines) and lines[i].startswith("    ") and
               not lines[i].startswith("    $ ")):
            expected.append(lines[i][4:])
            i += 1
        found.append((start, "\n".join(command), expected))
    return found

TIME = re.compile(r"\b\d+\.\d+ s\b")
LAST_DECIMAL = re.compile(r"\s+\d+\.\d+$")

def normalise(line):
    return LAST_DECIMAL.sub(" <time>", TIME.sub("<time> s", line.rstrip()))

def pattern(expected):
    parts = []
    for line in expected:
        line = normalise(line)
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split("…")) + r"\n")
    return re.compile("".join(parts), re.S)

def main():
    readme, logis = sys.argv[1], os.path.abspath(sys.argv[2])
    root = os.path.dirname(os.path.abspath(readme))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="logis-readme-") as work:
        os.symlink(os.path.join(root, "data"), os.path.join(work, "data"))
        os.mkdir(os.path.join(work, "build"))
        os.symlink(logis, os.path.join(work, "build", "logis"))
        for line, command, expected in examples(readme):
            run = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=work,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 timeout=600)
            shown = "".join(normalise(l) + "\n" for l in run.stdout.splitlines())
            if run.returncode == 0 and pattern(expected).fullmatch(shown):
                print("ok   README.md:%d: %s" % (line, command.splitlines()[0]))
                continue
            failures += 1
            print("FAIL README.md:%d: %s (exit %d)" % (line, command, run.returncode))
            print("     expected:\n" + "".join("       " + l + "\n" for l in expected) +
                  "     got:\n" + "".join("       " + l + "\n" for l in run.stdout.splitlines()))
    print("readme: %d example(s), %d failed" % (len(examples(readme)), failures))
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
