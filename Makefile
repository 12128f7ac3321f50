# Lis-moi: `make run` opens the app on the bundled sample, `make test` runs the
# tests. Both install what they need first (apt packages when missing, a
# virtual environment in .venv, the project), so a fresh Debian/Ubuntu
# machine needs nothing else.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
SAMPLE := resources/samples/prison-telephones.html

# Debian packages: the speech engine, sound server and recorder, the xcb
# libraries Qt's window needs, a virtual X server, and the validators.
APT_RUN  := espeak-ng libespeak-ng1 pulseaudio pulseaudio-utils libpulse-mainloop-glib0 \
            libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libglib2.0-0 libfontconfig1 \
            libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
            libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core
APT_TEST := $(APT_RUN) xvfb sox desktop-file-utils appstream
# The screen-reader check (make a11y): the real Orca, the AT-SPI bus and its
# registry, a D-Bus session bus, and xdotool to type keys into Xvfb.
APT_A11Y := $(APT_TEST) orca python3-pyatspi at-spi2-core dbus-daemon dbus-bin xdotool

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast a11y sysdeps-a11y lint bench sysdeps-run sysdeps-test venv translations bundle clean icons catalogs screenshots docs

# Install only the Debian packages that are missing (dpkg-query is fast and
# needs no network), and refresh the package lists once before installing.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

sysdeps-run:
	$(call apt_install,$(APT_RUN))

sysdeps-test:
	$(call apt_install,$(APT_TEST))

sysdeps-a11y:
	$(call apt_install,$(APT_A11Y))

$(VENV)/.installed-%: pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[$*]'
	$(PY) -m lismoi.core.i18n_build
	@touch $@

venv: $(VENV)/.installed-test

run: sysdeps-run $(VENV)/.installed-test catalogs
	$(VENV)/bin/lismoi $(SAMPLE)

test: sysdeps-test $(VENV)/.installed-test lint catalogs
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

# The screen-reader check (about 100 s): Lis-moi on its own Xvfb, D-Bus and AT-SPI
# buses, with the real Orca; what Orca said, step by step, is printed (-s) and
# written to build/orca-transcript.txt (docs/accessibility.md). Apart from `make test` for its time; .ci/run runs both.
A11Y_TRANSCRIPT := build/orca-transcript.txt

a11y: sysdeps-a11y $(VENV)/.installed-test catalogs
	LISMOI_A11Y=1 LISMOI_A11Y_TRANSCRIPT=$(A11Y_TRANSCRIPT) QT_QPA_PLATFORM=offscreen \
	  $(PY) -m pytest -q -s -p no:cacheprovider tests/a11y

# The fast lane, for while you work (under a minute): no sound played, no HTTP
# server, no speech process, nothing marked slow. The markers are applied in
# tests/conftest.py from the fixtures a test uses; `make test` runs them all.
FAST := not slow and not audio and not network and not engine

test-fast: sysdeps-test $(VENV)/.installed-test catalogs
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m "$(FAST)"

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: sysdeps-test $(VENV)/.installed-bench $(VENV)/.installed-test
	$(PY) bench/extraction.py ../shared/benchmarks/extraction --compare trafilatura
	$(PY) bench/language.py
	$(PY) bench/speech.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/playback.py

# Compile the .po catalogs into app/locale (fast; keeps them current after an edit).
catalogs: $(VENV)/.installed-test
	$(PY) -m lismoi.core.i18n_build

# Extract the strings from app/ into lismoi.pot, merge them into each .po, compile.
translations: $(VENV)/.installed-test
	$(PY) -m lismoi.core.i18n_build --update

# Re-render the committed PNG icons after editing resources/icons/lismoi.svg.
icons: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) packaging/render_icons.py

# The README's screenshots (the window on the sample, in English, French, high contrast).
screenshots: $(VENV)/.installed-test catalogs
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshot.py

# The docs' generated tables (keyboard shortcuts, settings) from SHORTCUTS and OPTIONS.
docs: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) scripts/gen_docs.py

# The one-folder desktop app in dist/lismoi (PyInstaller), with its size.
bundle: sysdeps-run $(VENV)/.installed-bundle $(VENV)/.installed-test
	packaging/build_bundle.sh $(PY)

clean:
	rm -rf $(VENV) build dist *.egg-info
