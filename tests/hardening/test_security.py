"""Security: no page script runs or is read, no page reaches a local file, no shell.

The strongest checks run in a child process with a Python audit hook
(PEP 578): every file the process opens and every process it starts is
recorded, so "a page can never make the app read /etc/passwd" and "no shell
ever sees article text" are observed, not assumed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from lismoi.core.errors import LoadError
from lismoi.core.extract import extract_html
from lismoi.core.load.source import load
from lismoi.core.pipeline import read_article
from tests.hardening.outcome import check_article, ends_well
from tests.hardening.strategies import SCRIPT_MARK
from tests.hardening.support import ROOT, child_env, run_process

PROSE = (
    "Les élèves du collège ont présenté leur projet de jardin partagé devant le conseil "
    "municipal, qui l’a trouvé très réussi et a promis de le financer dès l’automne."
)
SECRET = Path("/etc/passwd")
SECRET_TEXT = "root:x:0:0"

# ----------------------------------------------------------------- scripts


SCRIPTED = {
    "script": f"<p>{PROSE}</p><script>document.write('<p>{SCRIPT_MARK}</p>')</script><p>x</p>",
    "script in head": f"<head><script>var a='{SCRIPT_MARK}'</script></head><p>{PROSE}</p>",
    "script with attributes": f"<p>{PROSE}</p><script type='module' async>{SCRIPT_MARK}</script>",
    "script with a fake close": f"<p>{PROSE}</p><script>var s='</scr'+'ipt>{SCRIPT_MARK}'</script>",
    "uppercase": f"<p>{PROSE}</p><SCRIPT>{SCRIPT_MARK}</SCRIPT>",
    "json blob": f"<p>{PROSE}</p><script type='application/ld+json'>['{SCRIPT_MARK}']</script>",
    "style": f"<p>{PROSE}</p><style>p::after{{content:'{SCRIPT_MARK}'}}</style>",
    "event handlers": (
        f"<p onclick=\"alert('{SCRIPT_MARK}')\" onmouseover='{SCRIPT_MARK}'>{PROSE}</p>"
        f"<img src=x onerror=\"{SCRIPT_MARK}\"><body onload='{SCRIPT_MARK}'>"
    ),
    "javascript links": f"<p>{PROSE} <a href=\"javascript:alert('{SCRIPT_MARK}')\">lien</a></p>",
    "noscript": f"<p>{PROSE}</p><noscript>{SCRIPT_MARK}</noscript>",
    "template": f"<p>{PROSE}</p><template><p>{SCRIPT_MARK}</p></template>",
    "iframe srcdoc": f"<p>{PROSE}</p><iframe srcdoc=\"<p>{SCRIPT_MARK}</p>\"></iframe>",
    "svg script": f"<p>{PROSE}</p><svg><script>{SCRIPT_MARK}</script></svg>",
    "comment": f"<p>{PROSE}</p><!-- <script>{SCRIPT_MARK}</script> -->",
    "conditional comment": f"<p>{PROSE}</p><!--[if IE]><script>{SCRIPT_MARK}</script><![endif]-->",
}


@pytest.mark.parametrize("name", list(SCRIPTED))
def test_no_script_text_or_handler_is_ever_read(tally, name):
    with tally.trial("security:script"):
        article = extract_html(f"<html><body>{SCRIPTED[name]}</body></html>")
        check_article(article)  # asserts SCRIPT_MARK is in no block and not in the title
        assert any("jardin partagé" in b.text for b in article.blocks)


# A page cut short inside an element whose content is never shown: what
# follows the opening tag is code or fallback, never article text.
UNCLOSED = ["script", "style", "iframe", "noscript", "template", "svg", "object", "textarea"]


@pytest.mark.parametrize("tag", UNCLOSED)
def test_a_page_cut_inside_a_hidden_element_reads_none_of_it(tally, tag):
    page = f"<html><body><p>{PROSE}</p>Les<{tag}>document.write('{SCRIPT_MARK}'); var s"
    with tally.trial("security:script"):
        article = extract_html(page)
        check_article(article)
        assert any("jardin partagé" in b.text for b in article.blocks)


def test_the_app_has_no_javascript_engine():
    # Extraction parses HTML as data: no browser engine, no JS interpreter, no eval.
    pattern = re.compile(
        # A call of the builtins, not a method of that name (`def exec(self)` runs Qt's loop).
        r"QtWebEngine|QWebEngine|js2py|execjs|dukpy|quickjs|PyMiniRacer|"
        r"(?<![.\w])(?<!def )eval\(|(?<![.\w])(?<!def )exec\("
    )
    hits = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in (ROOT / "app").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


# ----------------------------------------------------------------- schemes


@pytest.mark.parametrize(
    "source",
    [
        "ftp://127.0.0.1/etc/passwd",
        "gopher://127.0.0.1:70/",
        "smb://127.0.0.1/share",
        "ssh://root@127.0.0.1",
        "ws://127.0.0.1:1/",
        "chrome://settings/",
        "jar:file:///etc/passwd!/",
        "view-source:file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<p>" + SCRIPT_MARK,
        "about:blank",
    ],
)
def test_only_web_links_and_local_files_are_opened(tally, source):
    with tally.trial("security:scheme"):
        with pytest.raises(LoadError) as info:
            load(source)
        assert SECRET_TEXT not in str(info.value)


HOSTILE_PAGES = {
    "base href": f"<html><head><base href='file:///etc/'></head><body><p>{PROSE}</p>"
    "<iframe src='passwd'></iframe><a href='passwd'>passwd</a></body></html>",
    "meta refresh": "<html><head><meta http-equiv='refresh' content='0;url=file:///etc/passwd'>"
    f"</head><body><p>{PROSE}</p></body></html>",
    "meta refresh alone": "<meta http-equiv='refresh' content='0; URL=file:///etc/passwd'>",
    "iframe and frames": f"<p>{PROSE}</p><iframe src='file:///etc/passwd'></iframe>"
    "<frameset><frame src='file:///etc/passwd'></frameset>",
    "embedded objects": f"<p>{PROSE}</p><object data='file:///etc/passwd'></object>"
    "<embed src='file:///etc/passwd'><img src='file:///etc/passwd'>"
    "<link rel=stylesheet href='file:///etc/passwd'><script src='file:///etc/passwd'></script>",
    "relative escape": f"<p>{PROSE}</p><iframe src='../../../../../../etc/passwd'></iframe>"
    "<img src='/etc/passwd'>",
    "xml external entity": "<?xml version='1.0'?><!DOCTYPE html [<!ENTITY x SYSTEM "
    f"'file:///etc/passwd'>]><html><body><p>{PROSE} &x;</p></body></html>",
    "xinclude": "<html xmlns:xi='http://www.w3.org/2001/XInclude'><body>"
    f"<p>{PROSE}</p><xi:include href='file:///etc/passwd' parse='text'/></body></html>",
    "svg use": f"<p>{PROSE}</p><svg><use href='file:///etc/passwd#x'/></svg>",
    "mhtml with a file part": None,  # built below: an MHTML whose root points at a file
}

_AUDIT = r"""
import json, sys
from pathlib import Path
opened, started = [], []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        opened.append(str(args[0]))
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        started.append([event, repr(args)[:300]])
    elif event == "socket.connect":
        started.append([event, repr(args[1])[:100]])
sys.addaudithook(hook)
from lismoi.core.errors import LismoiError
from lismoi.core.pipeline import read_article
results = {}
for source in sys.argv[1:]:
    try:
        art = read_article(source)
        parts = [art.title or "", art.byline or ""] + [b.text for b in art.blocks]
        results[source] = " ".join(parts)
    except LismoiError as err:
        results[source] = "ERROR " + str(err)
print(json.dumps({"results": results, "opened": opened, "started": started}))
"""


def _mhtml_pointing_at_a_file() -> bytes:
    from tests.hardening.strategies import mhtml

    page = f"<p>{PROSE}</p><iframe src='file:///etc/passwd'></iframe>"
    data = mhtml(page.encode(), encoding="8bit")
    return data.replace(b"https://example.org/a", b"file:///etc/passwd")


def test_a_page_can_never_make_the_app_read_a_local_file(http_server, tmp_path, tally):
    assert SECRET_TEXT in SECRET.read_text()  # the secret is really there to be leaked
    sources = []
    for name, html in HOSTILE_PAGES.items():
        data = _mhtml_pointing_at_a_file() if html is None else html.encode()
        suffix = ".mhtml" if html is None else ".html"
        ctype = "multipart/related" if html is None else "text/html; charset=utf-8"
        slug = re.sub(r"\W+", "-", name)
        sources.append(http_server.page(f"/{slug}", data, ctype))
        (tmp_path / f"{slug}{suffix}").write_bytes(data)
        sources.append(str(tmp_path / f"{slug}{suffix}"))
    # Redirects towards local files and other schemes, by status and by header form.
    for n, target in enumerate(["file:///etc/passwd", "FILE:/etc/passwd", "file:/etc/passwd",
                                "/etc/passwd", "ftp://127.0.0.1/etc/passwd"]):
        sources.append(http_server.redirect(f"/r{n}", target, status=301 + n % 3 * 1))
    run = run_process([sys.executable, "-c", _AUDIT, *sources], timeout=240, env=child_env())
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    for source in sources:
        with tally.trial("security:local-file"):
            text = report["results"][source]
            assert SECRET_TEXT not in text, source
    assert not [p for p in report["opened"] if "passwd" in p], report["opened"]
    # Only the test server on 127.0.0.1 was contacted; no process was started.
    connects = [args for event, args in report["started"] if event == "socket.connect"]
    assert connects and all("127.0.0.1" in args for args in connects), connects
    assert not [s for s in report["started"] if s[0] != "socket.connect"], report["started"]


# ----------------------------------------------------------------- shells


def test_no_shell_in_the_app_source():
    pattern = re.compile(
        r"shell\s*=\s*True|os\.system\(|os\.popen\(|commands\.getoutput|pty\.spawn"
    )
    hits = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in (ROOT / "app").rglob("*.py")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_the_speech_engine_never_uses_pyttsx3s_own_playback():
    # pyttsx3's espeak driver plays say() through os.system("aplay FILE"); the
    # engine installs its own synthesis callback and never calls say/runAndWait
    # with espeak (the generic save_to_file path is for SAPI5/NSSS only).
    # Found by content, not by file name: the engines may move between modules.
    sources = {
        p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "app/core/speech").rglob("*.py"))
    }
    espeak = [text for text in sources.values() if "class EspeakEngine" in text]
    assert len(espeak) == 1, "one module defines EspeakEngine"
    espeak_part = espeak[0].split("class EspeakEngine", 1)[1].split("\nclass ", 1)[0]
    assert "cSetSynthCallback" in espeak_part
    assert ".say(" not in espeak_part and "runAndWait" not in espeak_part
    assert [p.name for p, text in sources.items() if re.search(r"\.say\(", text)] == []


SHELL_TEXT = (
    "Bonjour $(touch {m}1) `touch {m}2` ; touch {m}3 | touch {m}4 && touch {m}5 "
    "'\"; touch {m}6; \" $HOME %PATH% \\ > {m}7 < /etc/passwd"
)

_SPEAK_AUDITED = r"""
import json, sys
started = []
def hook(event, args):
    if event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        started.append([event, repr(args)[:500]])
sys.addaudithook(hook)
from lismoi.core.speech.worker import SpeechWorker
from lismoi.core.voices import resolve
from lismoi.core.pipeline import article_from_text
from lismoi.core.export import export_article
text, out = sys.argv[1], sys.argv[2]
with SpeechWorker() as worker:
    syn = worker.synthesize(text, resolve("fr-FR-female"), timeout=60)
    article = article_from_text(text + "\n\n" + text)
    article.title = text
    export_article(article, out, worker=worker)
print(json.dumps({"ms": syn.duration_ms, "started": started}))
"""

# The speech process gets the same hook through sitecustomize (PYTHONPATH).
_CHILD_HOOK = r"""
import os, sys
_log = os.environ["LISMOI_AUDIT_LOG"]
def _hook(event, args):
    if event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        with open(_log, "a", encoding="utf-8") as f:
            f.write(event + " " + repr(args)[:500] + "\n")
sys.addaudithook(_hook)
"""


@pytest.mark.engine  # the speech process, in a child process
def test_no_shell_ever_sees_article_text(tmp_path, tally):
    marker = tmp_path / "pwned"
    text = SHELL_TEXT.format(m=marker)
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(_CHILD_HOOK, encoding="utf-8")
    log = tmp_path / "audit.log"
    env = child_env(LISMOI_AUDIT_LOG=str(log))
    env["PYTHONPATH"] = f"{hook_dir}:{env['PYTHONPATH']}"
    out = tmp_path / "out.wav"
    with tally.trial("security:shell"):
        run = run_process([sys.executable, "-c", _SPEAK_AUDITED, text, str(out)], timeout=240,
                          env=env, cwd=tmp_path)
        assert run.returncode == 0, run.stderr[-3000:]
        report = json.loads(run.stdout.strip().splitlines()[-1])
        assert report["ms"] > 0
        assert out.exists() and out.stat().st_size > 1000
        # Nothing the text asked a shell to do happened...
        assert not list(tmp_path.glob("pwned*"))
        # ...and the only process started is the speech engine, without a shell.
        events = report["started"] + log.read_text(encoding="utf-8").splitlines()
        assert events, "the audit hook saw nothing: the test would prove nothing"
        for event in events:
            line = str(event)
            assert "lismoi.core.speech.server" in line, line
            assert "/bin/sh" not in line and "touch" not in line


def test_export_writes_only_where_it_is_told_whatever_the_title(tmp_path, tally):
    from lismoi.core.export import export_article
    from lismoi.core.pipeline import article_from_text

    article = article_from_text(f"{PROSE}")
    article.title = "../../evil\n|rm -rf ~ ; <con> *?:\x00"
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with tally.trial("security:export-name"):
        export_article(article, out_dir / "lecture.wav", subtitles=out_dir / "lecture.srt")
        assert sorted(p.name for p in out_dir.iterdir()) == ["lecture.srt", "lecture.wav"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    "source",
    ["file:///etc/passwd%00.html", "/etc/passwd\x00.html", "file://host/etc/passwd",
     "/etc/passwd/", "file:", "file://", "", " ", "/dev/zero", "/dev/urandom", "/proc/self/mem",
     "/nonexistent/" + "x" * 5000, "~root/.ssh/id_rsa"],
)
def test_odd_sources_end_in_a_typed_error(tally, source):
    # The user may open any local file; odd paths must still end in words.
    with tally.trial("security:scheme"):
        ends_well(lambda: read_article(source))
