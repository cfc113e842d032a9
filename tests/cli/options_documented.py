#!/usr/bin/env python3
"""The options each logis command has, as its --help lists them (made from the same table as its
getopt options), against every place that documents them: the synopsis of its usage, the man
page (SYNOPSIS, the .TP entries of its .SS section, the options its prose names, the OPTIONS
section for main's own) and the README's synopses. Prints each disagreement and exits 1 when
there is one. Usage: tests/cli/options_documented.py PATH/TO/logis REPOSITORY_ROOT"""
import os, re, subprocess, sys

# Taken by main before any command (logis --help lists them), and every command's --help.
MAIN_OPTIONS = {"--max-input", "--allow-outside"}
EVERYWHERE = MAIN_OPTIONS | {"--help", "-h", "--version"}

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")

problems = []

def problem(where, text):
    problems.append(f"{where}: {text}")

def run(logis, *args):
    done = subprocess.run([logis, *args], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr

def option_lines(text):
    """The name column of each "  -o, --output FILE   help" line of a usage."""
    return [re.split(r"\s{2,}| (?=[a-z])", line.strip(), maxsplit=1)[0]
            for line in text.split("\n") if re.match(r"  (-[a-zA-Z], )?--[a-z]", line)]

class Command:
    """One command as its --help describes it."""
    def __init__(self, logis, name):
        self.name = name
        code, out, err = run(logis, name, "--help")
        if code != 0 or err:
            problem(f"logis {name} --help", f"exit {code}, stderr {err!r}")
        synopsis, _, rest = out.partition("\n\n")
        self.short = {}     # -o -> --output
        self.takes_arg = {}  # --output -> True
        for column in option_lines(rest):
            for part in column.split(", "):
                words = part.split()
                if words[0].startswith("--"):
                    self.takes_arg[words[0]] = len(words) > 1
            names = OPTION.findall(column)
            if len(names) > 1 and not names[0].startswith("--"):
                self.short[names[0]] = names[1]
        self.options = set(self.takes_arg) - EVERYWHERE
        self.synopsis = self.longs(OPTION.findall(synopsis))

    def longs(self, names):
        return {self.short.get(name, name) for name in names} - EVERYWHERE

    def compare(self, where, named, complete=True):
        """named: the options a document gives the command; complete: it must give them all."""
        for name in sorted(named - self.options):
            problem(where, f"{name} is not an option of logis {self.name}")
        for name in sorted(self.options - named if complete else ()):
            problem(where, f"logis {self.name} {name} is missing")

def check_getopt(logis, command):
    """Each option the usage lists is one getopt takes, with an argument when it shows one."""
    for name, takes_arg in command.takes_arg.items():
        if name in EVERYWHERE:
            continue
        code, _, err = run(logis, command.name, f"{name}=x" if takes_arg else name, "--help")
        if re.search(r"unrecognized option|doesn't allow|requires an argument", err):
            problem(f"logis {command.name} {name}", f"getopt refuses it: {err.splitlines()[0]}")

def commands_of(logis):
    code, out, _ = run(logis, "--help")
    listed = out.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  ([a-z]+) ", listed, re.M), out

def man_sections(path):
    """{title: [lines]} for the .SH and .SS sections of the man page, '\\-' read as '-'."""
    sections, title = {}, None
    for line in open(path, encoding="utf-8").read().replace("\\-", "-").split("\n"):
        if line.startswith((".SH ", ".SS ")):
            title = line.split(None, 1)[1].strip('"')
            sections.setdefault(title, [])
        elif title:
            sections[title].append(line)
    return sections

def tagged_options(lines):
    """The options named by the tags of the section's .TP entries."""
    return [name for before, tag in zip(lines, lines[1:]) if before == ".TP"
            for name in OPTION.findall(tag)]

def prose_options(lines, commands):
    """The options the section's text names, but those it gives to another command."""
    names = []
    for line in lines:
        other = re.search(r"logis (%s)\b" % "|".join(commands), line)
        names += [] if other else OPTION.findall(line)
    return names

def man_synopses(lines):
    """{command: [options]} from the SYNOPSIS, one .br-separated entry per line of use."""
    found, command = {}, None
    for line in lines:
        start = re.match(r"\.B logis ([a-z]+)", line)
        if start:
            command = start.group(1)
        if line == ".br":
            command = None
        elif command:
            found.setdefault(command, []).extend(OPTION.findall(line))
    return found

def check_man(path, commands):
    sections = man_sections(path)
    synopses = man_synopses(sections.get("SYNOPSIS", []))
    for name, command in commands.items():
        where = f"{path} .SS {name}"
        if name not in sections:
            problem(path, f"no .SS {name} section")
            continue
        command.compare(where, command.longs(tagged_options(sections[name])))
        command.compare(where + " (text)", command.longs(prose_options(sections[name], commands)),
                        complete=False)
        command.compare(f"{path} SYNOPSIS", command.longs(synopses.get(name, [])))
    tagged = set(tagged_options(sections.get("OPTIONS", [])))
    for name in sorted(tagged ^ EVERYWHERE):
        problem(f"{path} OPTIONS", f"{name} " + ("is not one of logis's own options"
                                                   if name in tagged else "is missing"))

def readme_synopses(path, commands):
    """{command: [(options, complete)]}: each synopsis in an indented block, with the lines
    that continue it; "(below)" or "..." marks one that names only some options."""
    found, lines = {}, open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        start = re.match(r"    logis (%s)\b(.*)" % "|".join(commands), line)
        if not start:
            continue
        text = start.group(2)
        for more in lines[i + 1:]:
            if not re.match(r"    \s+\[", more):
                break
            text += " " + more.strip()
        complete = "(below)" not in text and "..." not in text.replace("[,DAYS...]", "")
        found.setdefault(start.group(1), []).append((OPTION.findall(text), complete))
    return found

def check_readme(path, commands):
    synopses = readme_synopses(path, commands)
    for name, command in commands.items():
        where = f"{path} logis {name}"
        every = [o for options, _ in synopses.get(name, []) for o in options]
        full = [o for options, complete in synopses.get(name, []) if complete for o in options]
        if not any(complete for _, complete in synopses.get(name, [])):
            problem(path, f"no full synopsis of logis {name} in an indented block")
        command.compare(where, command.longs(every), complete=False)
        command.compare(where, command.longs(full))

def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tests/cli/options_documented.py PATH/TO/logis REPOSITORY_ROOT")
    logis, root = sys.argv[1], sys.argv[2]
    names, main_usage = commands_of(logis)
    main_listed = {n for c in option_lines(main_usage) for n in OPTION.findall(c)}
    for name in sorted(main_listed ^ MAIN_OPTIONS):
        problem("logis --help", f"{name}: main's options are {sorted(MAIN_OPTIONS)}")
    commands = {name: Command(logis, name) for name in names}
    for command in commands.values():
        command.compare(f"logis {command.name} --help synopsis", command.synopsis)
        check_getopt(logis, command)
    check_man(os.path.join(root, "cli/logis.1"), commands)
    check_readme(os.path.join(root, "README.md"), commands)
    for line in problems:
        print(line)
    print(f"options of {len(commands)} commands: {len(problems)} disagreement"
          f"{'' if len(problems) == 1 else 's'}")
    sys.exit(1 if problems or len(commands) < 2 else 0)

main()
