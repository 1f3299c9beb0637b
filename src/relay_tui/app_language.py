"""Changing the language from inside the app (the palette's "Language: …").

The app's language is fixed when it starts (its screens' keys are translated as they are
imported), so a new language is saved in the settings and relay starts again in it, on
the same store: the app exits with `RESTART`, and `cli.app_launch` starts relay again
(`restart_command`), with the new language named in `RELAY_LANG` and no `--lang`.
"""

from __future__ import annotations

from typing import Any

from relay_tui.i18n import LANGUAGES, NAMES, app_language, speaking, tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from relay_tui.settings import Settings

#: The app's exit code asking for relay to start again (in the new language).
RESTART = 75


class LanguageAction:
    """Mixin of `RelayApp`: `action_language`."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        settings: Settings
        options: Any
        restart_language: str | None

        def notify(self, message: str, **kwargs: Any) -> None: ...

        def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...

    def action_language(self, language: str) -> None:
        """Save `language` as the `language` setting and start relay again in it."""
        from relay_tui.settings import save_settings

        if language not in LANGUAGES or language == app_language():
            return
        self.settings = self.settings.with_values(language=language)
        if self.options.save_settings:
            try:
                save_settings(self.settings)
            except OSError as exc:
                with speaking(language):
                    problem = tr("Could not save the language: {problem}", problem=exc.strerror)
                self.notify(problem, severity="warning")
                return
        self.restart_language = language
        with speaking(language):
            said = tr("relay starts again in {language}…", language=NAMES[language])
        self.exit(return_code=RESTART, message=said)


def restart_command(argv: list[str], executable: str) -> list[str]:
    """The command that starts relay again as `argv` started it, less any `--lang`
    (the new language comes in `RELAY_LANG`), and less `--demo` when a store was named
    (`--demo --db PATH` filled it: it opens as it is now)."""
    kept: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        if arg.startswith("--lang="):
            continue
        kept.append(arg)
    if any(arg == "--db" or arg.startswith("--db=") for arg in kept):
        kept = [arg for arg in kept if arg != "--demo"]
    return [executable, "-m", "relay_tui", *kept]
