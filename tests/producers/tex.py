"""The TeX producer: the programme written as a LaTeX document and set by pdfLaTeX (T1 Latin Modern, Dutch
hyphenation from babel), so the PDF has justified, hyphenated lines, fi/fl/ffi ligatures and no space
characters at all: pdfTeX positions its words and writes no spaces between them.

Parts, themes, dossiers and sub-headings are starred `\\part`, `\\section`, `\\subsection` and
`\\subsubsection` (or `\\paragraph`) headings, with the outline number in the heading text in some styles;
half the styles load hyperref and write bookmarks. The style is drawn from the seed, each dimension
independently (`draw`).
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

from producers import blocks, item_rows

NAME = "tex"
TIMEOUT = 120

MARKS = ("*", "sup*", "(*)", "ast")
LEGENDS = {"*": "* speerpuntdossier", "sup*": "$^{*}$ speerpuntdossier", "(*)": "(*) speerpuntdossier",
           "ast": "$\\ast$ speerpuntdossier"}
BOOKMARK_MARKS = {"*": "*", "sup*": "*", "(*)": " (*)", "ast": " *"}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def pdflatex() -> str | None:
    return shutil.which("pdflatex")


def missing() -> str | None:
    if not pdflatex():
        return "pdfLaTeX is not installed: apt-get install texlive-latex-base texlive-lang-european lmodern"
    if not kpsewhich("lmodern.sty") or not kpsewhich("dutch.ldf"):
        return "lmodern or babel's Dutch is missing: apt-get install lmodern texlive-lang-european"
    return None


@cache
def kpsewhich(name: str) -> bool:
    program = shutil.which("kpsewhich")
    if not program:
        return False
    try:
        out = subprocess.run([program, name], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def draw(seed: int) -> dict[str, str]:
    """The style dimensions drawn from the seed, each independently (a font that is not installed falls
    back to Latin Modern)."""
    rng = random.Random(seed)
    style = {
        "columns": rng.choice(["1", "2-twocolumn", "2-multicol"]),
        "class": rng.choice(["article", "report"]),
        "font": rng.choice(["lmodern", "lmodern-sans", "times", "helvetica"]),
        "size": rng.choice(["10", "11", "12"]),
        "paper": rng.choice(["a4", "a4", "letter"]),
        "margin": rng.choice(["1.8cm", "2.5cm", "3cm"]),
        "numbering": rng.choice(["none", "none", "decimal", "letters"]),
        "headings": rng.choice(["latex", "ragged"]),
        "sub": rng.choice(["subsubsection", "paragraph"]),
        "part": rng.choice(["part", "two-lines", "one-line"]),
        "part_break": rng.choice(["yes", "no"]),
        "hyperref": rng.choice(["yes", "no"]),
        "mark": rng.choice(MARKS),
        "legend": rng.choice(["no", "yes"]),
        "lists": rng.choice(["heading", "run-in", "table"]),
        "bullet": rng.choice(["bullet", "dash", "number"]),
        "furniture": rng.choice(["plain", "headings", "fancy-head", "fancy-foot"]),
        # the gap between two columns: LaTeX's own 10pt (under one font size), or wider
        "columnsep": rng.choice(["10pt", "10pt", "1.5em", "2em"]),
    }
    if style["columns"] == "1":
        style["columnsep"] = "-"
    if style["font"] == "times" and not kpsewhich("ptmr8t.tfm"):
        style["font"] = "lmodern"
    if style["font"] == "helvetica" and not kpsewhich("phvr8t.tfm"):
        style["font"] = "lmodern-sans"
    if style["columns"] == "2-multicol" and not kpsewhich("multicol.sty"):
        style["columns"] = "2-twocolumn"
    if style["furniture"].startswith("fancy") and not kpsewhich("fancyhdr.sty"):
        style["furniture"] = "headings"
    if style["hyperref"] == "yes" and not (kpsewhich("hyperref.sty") and kpsewhich("bookmark.sty")):
        style["hyperref"] = "no"
    return style


# --- text ------------------------------------------------------------------------------------------------

SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
           "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
           '"': r"\textquotedbl{}", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}
# Characters inputenc's utf8 does not set up for T1 (or that are safer spelt out), by their LaTeX.
UNICODE = {"\u2217": r"$\ast$", "\u204e": r"$\ast$", "\u2022": r"\textbullet{}", "\u25aa": r"$\blacksquare$",
           "\u25ba": r"$\blacktriangleright$", "\u2713": r"$\checkmark$", "\u2192": r"$\rightarrow$",
           "\u2012": "--", "\u2015": "---", "\u2212": r"$-$", "\u00a0": "~", "\u202f": r"\,", "\u2009": r"\,",
           "\u2002": " ", "\u2003": " ", "\u200b": "", "\u00ad": r"\-", "\u2032": "'", "\u2033": "''",
           "\u2010": "-", "\u2011": "-", "\u25cf": r"\textbullet{}", "\u2026": r"\dots{}", "\u20ac": r"\texteuro{}",
           "\u00b0": r"\textdegree{}", "\u00d7": r"\texttimes{}", "\u00f7": r"\textdiv{}", "\u00a7": r"\S{}",
           "\u00b7": r"\textperiodcentered{}"}
# inputenc's utf8 sets up ASCII, Latin-1, Latin Extended-A and the typographic quotes and dashes for T1;
# the rest is mapped or decomposed.
SAFE = set(range(0x20, 0x7F)) | set(range(0xA1, 0x180)) | {0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C,
                                                            0x201D, 0x201E, 0x2039, 0x203A}


def char(c: str) -> str:
    if c in SPECIAL:
        return SPECIAL[c]
    if c in UNICODE:
        return UNICODE[c]
    if ord(c) in SAFE:
        return c
    base = unicodedata.normalize("NFKD", c)
    base = "".join(b for b in base if ord(b) in SAFE and b not in SPECIAL)
    return base or "?"


def tex(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, Unicode mapped, TeX's ligatures of ASCII
    punctuation (-- --- `` '' ,, << >> !` ?`) broken so each character comes out as written."""
    text = re.sub(r"\s+", " ", text)
    out = []
    for i, c in enumerate(text):
        out.append(char(c))
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if (c in "-`',<>" and nxt == c) or (c in "!?" and nxt in "`'"):
            out.append("{}")
    return "".join(out)


def plain(text: str) -> str:
    """A bookmark title: TeX's special characters escaped, nothing else."""
    text = re.sub(r"\s+", " ", text)
    return "".join({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": "(", "}": ")",
                    "~": "-", "^": "", "\\": "/"}.get(c, c) for c in text)


# --- the document ----------------------------------------------------------------------------------------

class Document:
    """Builds the LaTeX source of one programme in one drawn style."""

    def __init__(self, style: dict[str, str], title: str):
        self.s = style
        self.title = title
        self.lines: list[str] = []
        self.counters = [0, 0]
        self.anchors = 0
        self.multicol = style["columns"] == "2-multicol"

    def out(self, line: str) -> None:
        self.lines.append(line)

    # preamble
    def preamble(self) -> str:
        s = self.s
        options = [f"{s['size']}pt", f"{s['paper']}paper"]
        if s["columns"] == "2-twocolumn":
            options.append("twocolumn")
        if s["class"] == "report":
            options.append("notitlepage")
        lines = [f"\\documentclass[{','.join(options)}]{{{s['class']}}}",
                 r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{lmodern}"]
        if s["font"] == "times":
            lines.append(r"\usepackage{mathptmx}")
        elif s["font"] == "helvetica":
            lines += [r"\usepackage[scaled=0.92]{helvet}", r"\renewcommand{\familydefault}{\sfdefault}"]
        elif s["font"] == "lmodern-sans":
            lines.append(r"\renewcommand{\familydefault}{\sfdefault}")
        lines += [r"\usepackage{textcomp}", r"\usepackage{amssymb}" if kpsewhich("amssymb.sty") else "",
                  r"\usepackage[dutch]{babel}",
                  f"\\usepackage[margin={s['margin']},headheight=15pt]{{geometry}}", r"\usepackage{array}"]
        if self.multicol:
            lines.append(r"\usepackage{multicol}")
        if s["furniture"].startswith("fancy"):
            lines += [r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
                      r"\renewcommand{\headrulewidth}{0.4pt}" if s["furniture"] == "fancy-head"
                      else r"\renewcommand{\headrulewidth}{0pt}"]
            if s["furniture"] == "fancy-head":
                lines += [f"\\fancyhead[L]{{\\small {tex(self.title)}}}", r"\fancyhead[R]{\small\thepage}"]
            else:
                lines.append(f"\\fancyfoot[C]{{\\small {tex(self.title)} \\textbar{{}} pagina \\thepage}}")
            lines.append(r"\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}"
                         r"\renewcommand{\headrulewidth}{0pt}}")
        else:
            lines.append(f"\\pagestyle{{{s['furniture']}}}")
        if s["headings"] == "ragged":
            lines += [r"\makeatletter",
                      r"\renewcommand\section{\@startsection{section}{1}{\z@}{-3.5ex \@plus -1ex \@minus -.2ex}"
                      r"{2.3ex \@plus.2ex}{\normalfont\Large\bfseries\raggedright}}",
                      r"\renewcommand\subsection{\@startsection{subsection}{2}{\z@}{-3.25ex\@plus -1ex \@minus -.2ex}"
                      r"{1.5ex \@plus .2ex}{\normalfont\large\bfseries\raggedright}}",
                      r"\renewcommand\subsubsection{\@startsection{subsubsection}{3}{\z@}"
                      r"{-3.25ex\@plus -1ex \@minus -.2ex}{1.5ex \@plus .2ex}{\normalfont\normalsize\bfseries"
                      r"\raggedright}}",
                      r"\makeatother"]
        if s["bullet"] == "dash":
            lines.append(r"\renewcommand{\labelitemi}{--}\renewcommand{\labelitemii}{\textperiodcentered}")
        if s["columnsep"] != "-":
            lines.append(f"\\setlength{{\\columnsep}}{{{s['columnsep']}}}")
        lines += [r"\setlength{\emergencystretch}{1.5em}",
                  f"\\title{{{tex(self.title)}}}", r"\author{}", r"\date{}"]
        if s["hyperref"] == "yes":
            meta = plain(self.title)
            lines += [f"\\usepackage[unicode,hidelinks,bookmarksopen,pdftitle={{{meta}}}]{{hyperref}}",
                      r"\usepackage{bookmark}"]
        return "\n".join(line for line in lines if line)

    # headings
    def bookmark(self, level: int, text: str) -> None:
        if self.s["hyperref"] == "yes":
            self.anchors += 1
            self.out(f"\\pdfbookmark[{level}]{{{plain(text)}}}{{h{self.anchors}}}")

    def columns(self, open_: bool) -> None:
        if self.multicol:
            self.out(r"\begin{multicols}{2}" if open_ else r"\end{multicols}")

    def heading(self, command: str, text: str, level: int, bookmark: str | None = None) -> None:
        self.bookmark(level, bookmark if bookmark is not None else text)
        self.out(f"\\{command}*{{{tex(text) if bookmark is None else text}}}")

    def marked(self, title: str) -> tuple[str, str]:
        """A dossier title with its spearhead mark in the drawn form: LaTeX and bookmark text."""
        if not title.endswith("*"):
            return tex(title), title
        bare = title.removesuffix("*").rstrip()
        mark = self.s["mark"]
        latex = {"*": "*", "sup*": "$^{*}$", "(*)": " (*)", "ast": " $\\ast$"}[mark]
        return tex(bare) + latex, bare + BOOKMARK_MARKS[mark]

    def part(self, number: int, title: str) -> None:
        s = self.s
        self.counters = [0, 0]
        self.columns(False)
        if s["part_break"] == "yes" or s["part"] == "part":
            self.out(r"\clearpage")
        self.bookmark(1, f"DEEL {number} {title}")
        if s["part"] == "part":
            self.out(f"\\part*{{DEEL {number}\\\\ {tex(title)}}}")
        elif s["part"] == "two-lines":
            self.out(f"\\par\\bigskip\\noindent{{\\LARGE\\bfseries DEEL {number}\\par}}\\nopagebreak\\medskip"
                     f"\\noindent{{\\Large\\bfseries\\raggedright {tex(title)}\\par}}\\nopagebreak\\bigskip")
        else:
            self.out(f"\\par\\bigskip\\noindent{{\\LARGE\\bfseries\\raggedright DEEL {number} -- {tex(title)}"
                     f"\\par}}\\nopagebreak\\bigskip")
        self.columns(True)

    def number(self, level: str) -> str:
        numbering = self.s["numbering"]
        if numbering == "none":
            return ""
        theme, dossier = self.counters
        if level == "theme":
            return f"{theme}." if numbering == "decimal" else f"{chr(64 + theme)}."
        return f"{theme}.{dossier}" if numbering == "decimal" else f"{dossier}."

    # lists
    def list_heading(self, heading: str) -> None:
        if self.s["lists"] == "run-in":
            label = heading if heading.rstrip().endswith(":") else f"{heading.rstrip()}:"
            self.out(f"\\par\\medskip\\noindent\\textbf{{{tex(label)}}}\\par\\nopagebreak")
        else:
            self.heading(self.s["sub"], heading, 4)
            if self.s["sub"] == "paragraph" and self.s["lists"] == "table":
                # A run-in heading would be set in front of the table's first row, which is as wide as the
                # column: it would print over the next column. An author ends the heading's line first.
                self.out(r"\leavevmode")

    def items(self, items: list[tuple]) -> None:
        env = "enumerate" if self.s["bullet"] == "number" else "itemize"
        self.out(f"\\begin{{{env}}}")
        sub_open = False
        for kind, text in items:
            if kind == "item":
                if sub_open:
                    self.out(f"\\end{{{env}}}")
                    sub_open = False
                self.out(f"\\item\\relax{{}} {tex(text)}")
            else:
                if not sub_open:
                    if self.lines[-1].startswith("\\begin"):
                        self.out("\\item[]\\relax{}")
                    self.out(f"\\begin{{{env}}}")
                    sub_open = True
                self.out(f"\\item\\relax{{}} {tex(text)}")
        if sub_open:
            self.out(f"\\end{{{env}}}")
        self.out(f"\\end{{{env}}}")

    def table(self, items: list[tuple]) -> None:
        """Items as the numbered rows of a ruled table, one tabular per row so the table breaks across
        columns and pages (sub-items as a list in the item's cell)."""
        rows = item_rows(items)
        self.out(r"\par\smallskip")
        for number, (text, subs) in enumerate(rows, 1):
            cell = tex(text)
            if subs:
                cell += ("\\par\\vspace{2pt}" + "".join(f"\\hangindent=1em\\hangafter=1\\noindent"
                                                        f"--\\enspace {tex(sub)}\\par" for sub in subs))
            top = r"\hline" if number == 1 else ""
            self.out(f"\\noindent\\begin{{tabular}}{{|>{{\\raggedleft\\arraybackslash}}p{{1.6em}}|"
                     f">{{\\raggedright\\arraybackslash}}p{{\\dimexpr\\linewidth-1.6em-4\\tabcolsep-3\\arrayrulewidth}}|}}"
                     f"{top}{number}. & {cell}\\\\\\hline\\end{{tabular}}\\par\\nointerlineskip")
        self.out(r"\smallskip")

    def build(self, elements: list[tuple]) -> str:
        s = self.s
        body = self.lines
        if s["furniture"] == "headings":
            self.out(f"\\markboth{{{tex(self.title)}}}{{{tex(self.title)}}}")
        self.out(r"\maketitle")
        if s["legend"] == "yes":
            self.out(f"\\noindent\\textit{{{LEGENDS[s['mark']]}}}\\par\\medskip")
        self.columns(True)
        for kind, args, items in blocks(elements):
            if kind in ("list", "item", "subitem"):
                if kind == "list":
                    self.list_heading(args[0])
                if items:
                    if s["lists"] == "table":
                        self.table(items)
                    else:
                        self.items(items)
            elif kind == "front":
                self.heading("section", args[0], 2)
            elif kind == "part":
                self.part(args[0], args[1])
            elif kind == "theme":
                self.counters = [self.counters[0] + 1, 0]
                number = self.number("theme")
                self.heading("section", f"{number} {args[0]}" if number else args[0], 2)
            elif kind == "dossier":
                self.counters[1] += 1
                title = " ".join(args[0]) if isinstance(args[0], list) else args[0]
                latex, mark = self.marked(title)
                number = self.number("dossier")
                if number:
                    latex, mark = f"{number} {latex}", f"{number} {mark}"
                self.heading("subsection", latex, 3, mark)
            elif kind == "sub":
                self.heading(s["sub"], args[0], 4)
            elif kind == "text":
                self.out("")
                self.out(tex(args[0]))
                self.out("")
        self.columns(False)
        return "\n".join([self.preamble(), r"\begin{document}", *body, r"\end{document}", ""])


def document(elements: list[tuple], seed: int, title: str) -> str:
    """The LaTeX source of the elements in the style drawn from the seed."""
    return Document(draw(seed), title).build(elements)


def run(folder: Path, source: str) -> Path:
    program = pdflatex()
    if program is None:
        raise RuntimeError(missing())
    (folder / "programme.tex").write_text(source, encoding="utf-8")
    command = [program, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "programme.tex"]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
    pdf = folder / "programme.pdf"
    if result.returncode != 0 or not pdf.exists():
        log = (folder / "programme.log").read_text(encoding="utf-8", errors="replace") if (
            folder / "programme.log").exists() else result.stdout
        error = next((log[i:i + 600] for i in [log.find("\n!")] if i >= 0), log[-1200:])
        raise RuntimeError(f"pdflatex failed ({result.returncode}): {error.strip()}")
    return pdf


def render(path: Path, elements: list[tuple], seed: int, title: str) -> Path:
    """Write the elements as a PDF in the TeX style drawn from the seed (one pdfLaTeX pass: the bookmark
    package writes the outline in the same run)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="tex-") as work:
        pdf = run(Path(work), document(elements, seed, title))
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(pdf, path)
    return path
