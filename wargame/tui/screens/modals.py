"""Modal dialogs: pick one of a list, pick a policy, type a line, confirm.

Each is a :class:`~textual.screen.ModalScreen` that dismisses with the choice
(or ``None`` on Escape), so callers chain them with ``push_screen(modal, callback)``.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wargame.engine import POLICY_LABELS
from wargame.engine.view import FeatureView
from wargame.model.scenario import KIND_POLICIES, POLICIES


class Dialog(ModalScreen):
    """A modal that answers once: keys typed ahead cannot dismiss it twice.

    Two quick Enters can both reach a list before its dialog is gone; a second
    ``dismiss`` would pop the next dialog of a chain (or the console).
    """

    _answered = False

    def answer(self, value: object) -> None:
        """Dismiss with ``value`` the first time; ignore later answers."""
        if self._answered or not self.is_current:
            return
        self._answered = True
        self.dismiss(value)


class ChoiceModal(Dialog):
    """A titled list of options; Enter picks one, Escape cancels."""

    AUTO_FOCUS = "#choices"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        options: list[tuple[str, str]],
        hint: str = "",
        disabled: set[str] | None = None,
        initial: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.options = options
        self.hint = hint
        self.disabled_options = disabled or set()
        self.initial = initial
        self._ahead: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint", markup=False)
            yield OptionList(
                *[
                    Option(label, id=value, disabled=value in self.disabled_options)
                    for value, label in self.options
                ],
                id="choices",
            )
            yield Label("↑↓ choose · Enter confirm · Esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.initial is not None:
            try:
                options.highlighted = options.get_option_index(self.initial)
            except Exception:  # noqa: BLE001 - an unknown initial just keeps the first row
                pass

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(event.option.id)

    _MOVES = {
        "up": "cursor_up",
        "down": "cursor_down",
        "home": "first",
        "end": "last",
        "enter": "select",
    }

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the list has focus (a fast ``d ↓↓↓⏎``) still move and pick."""
        options = self.query_one("#choices", OptionList)
        if options.has_focus or event.key not in self._MOVES:
            return
        event.stop()
        self._ahead.append(event.key)
        self.call_after_refresh(self._catch_up)

    def _catch_up(self) -> None:
        options = self.query_one("#choices", OptionList)
        options.focus()
        keys, self._ahead = self._ahead, []
        for key in keys:
            getattr(options, f"action_{self._MOVES[key]}")()

    def action_cancel(self) -> None:
        self.answer(None)


class PolicyModal(Dialog):
    """Change a feature's partition policy: pick the feature, then one of the four policies."""

    AUTO_FOCUS = "#policies"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, features: list[FeatureView], initial: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.features = {f.id: f for f in features}
        self.feature = initial if initial in self.features else next(iter(self.features))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                "Change how a feature behaves when regions cannot agree", classes="dialog-title"
            )
            yield Label("Feature", classes="dialog-hint")
            yield OptionList(
                *[Option(self._feature_label(f), id=f.id) for f in self.features.values()],
                id="features",
            )
            yield Label("Policy (rolls out region by region)", classes="dialog-hint")
            yield OptionList(id="policies")
            yield Label(
                "Tab switch list · Enter apply · Esc cancel", classes="dialog-keys", id="keys"
            )

    @staticmethod
    def _feature_label(f: FeatureView) -> str:
        now = sorted(set(f.target.values()))
        return f"{f.name} ({f.kind.replace('_', ' ')}) — now {'/'.join(now)}"

    def on_mount(self) -> None:
        features = self.query_one("#features", OptionList)
        features.highlighted = features.get_option_index(self.feature)
        self._fill_policies()

    def _fill_policies(self) -> None:
        f = self.features[self.feature]
        supported = KIND_POLICIES[f.kind]
        targets = set(f.target.values())
        policies = self.query_one("#policies", OptionList)
        policies.clear_options()
        for p in POLICIES:
            mark = "● " if p in targets else "  "
            note = "" if p in supported else "  (not for this kind)"
            if p == "queued" and f.unheld_money:
                note = "  (funds not held: settles later on the balance it saw)"
            policies.add_option(
                Option(f"{mark}{p:<8} {POLICY_LABELS[p]}{note}", id=p, disabled=p not in supported)
            )
        current = next(iter(targets))
        policies.highlighted = POLICIES.index(current)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "features" and event.option.id != self.feature:
            self.feature = event.option.id or self.feature
            self._fill_policies()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "features":
            self.query_one("#policies", OptionList).focus()
        elif event.option.id:
            self.answer((self.feature, event.option.id))

    def action_cancel(self) -> None:
        self.answer(None)


class LineInput(Input):
    """An input for one line: keys that arrive after its Enter belong to what comes next.

    A burst such as ``:set a ap⏎:set b ap⏎`` (fast typing, a paste) queues every key
    on this input before its Enter has been acted on; without this, the second line
    would be typed onto the first and both would fail.
    """

    line_done = False
    """Set by Enter; cleared if the dialog refuses the line (nothing typed)."""

    async def _on_key(self, event: events.Key) -> None:
        if self.line_done:
            event.stop()
            event.prevent_default()  # not typed here: Input's own handler does not run
            self.app.call_later(self.app.post_message, events.Key(event.key, event.character))
        elif event.key == "enter":
            self.line_done = True


class TextModal(Dialog):
    """One line of text (a status-page post, or an action typed in full)."""

    AUTO_FOCUS = "#text"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "", placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.value = value
        self.hint = hint
        self.placeholder = placeholder
        self._ahead = ""
        self._ahead_enter = False
        self._after: list[tuple[str, str | None]] = []
        """Keys typed ahead after this line's Enter: they belong to the screen below."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.hint:
                yield Label(self.hint, classes="dialog-hint", markup=False)
            yield LineInput(self.value, placeholder=self.placeholder, id="text")
            yield Label("", classes="dialog-hint", id="empty")
            yield Label("Enter confirm · Esc cancel", classes="dialog-keys")

    def on_key(self, event: events.Key) -> None:
        """Keys typed before the input has focus (type-ahead, a paste) go into it, not away.

        Keys after the line's Enter (a burst such as ``:set a ap⏎:set b ap⏎``) are kept
        apart and passed on once this dialog has answered, so they reach the console
        (and open the next dialog) instead of being glued onto this line.
        """
        if self._answered:
            event.stop()
            event.prevent_default()
            self._pass_on(event.key, event.character)
            return
        if self.query_one("#text", Input).has_focus:
            return
        if self._ahead_enter:
            self._after.append((event.key, event.character))
        elif event.key == "enter":
            self._ahead_enter = True
        elif event.is_printable and event.character:
            self._ahead += event.character
        else:
            return
        event.stop()
        self.call_after_refresh(self._catch_up)

    def _pass_on(self, key: str, character: str | None) -> None:
        """Deliver a key to whatever screen is current once this dialog is gone."""
        self.app.call_later(self.app.post_message, events.Key(key, character))

    def _catch_up(self) -> None:
        """Put type-ahead into the input once it is ready (then submit if Enter came too)."""
        field = self.query_one("#text", Input)
        if self._ahead:
            field.insert_text_at_cursor(self._ahead)
            self._ahead = ""
        if not self._answered:
            field.focus()
        if self._ahead_enter:
            self._ahead_enter = False
            self._submit(field.value)
        after, self._after = self._after, []
        for key, character in after:
            self._pass_on(key, character)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    def _submit(self, value: str) -> None:
        text = value.strip()
        if not text:
            self.query_one("#empty", Label).update("Nothing typed: type a line, or Esc to cancel.")
            self.query_one("#text", LineInput).line_done = False
            return
        # keys still arriving go to the screen's on_key (and on to the next screen)
        self.query_one("#text", Input).disabled = True
        self.answer(text)

    def action_cancel(self) -> None:
        self.answer(None)


class ConfirmModal(Dialog):
    """A yes/no question; ``y``/Enter confirms, ``n``/Escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.detail = detail
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, classes="dialog-title")
            if self.detail:
                yield Label(self.detail, classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.answer(value)


class ReadModal(Dialog):
    """One feed entry in full (the panels cut long lines); Enter or Escape closes it."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="read"):
                yield Static(self.text, markup=False, id="read-text")
            yield Label("Enter or Esc close", classes="dialog-keys")

    def action_close(self) -> None:
        self.answer(None)
