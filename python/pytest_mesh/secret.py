"""Secrets that print as a placeholder, so tracebacks, `--showlocals` and messages never show them."""

from __future__ import annotations

from typing import Sequence

# Flags of mesh-test-server whose value is a secret (`--flag VALUE` or `--flag=VALUE`).
SECRET_FLAGS = ("--mesh-secret", "--bot-control-secret", "--jwt-signing-key")


class Secret(str):
    """A str in every use (headers, os.environ, JSON, f-strings) except repr(), which is what pytest prints
    for locals (`-l`), fixture values and assertion operands."""

    def __repr__(self) -> str:
        return "'<secret>'"


def protect(command: Sequence[str]) -> list[str]:
    """The command with the values of secret flags as Secret, so a list that holds it prints them masked."""
    protected: list[str] = []
    for arg in command:
        follows_flag = bool(protected) and protected[-1] in SECRET_FLAGS
        protected.append(Secret(arg) if follows_flag or arg.startswith(_WITH_VALUE) else arg)
    return protected


def shown_command(command: Sequence[str]) -> str:
    """The command as text for messages, secret values masked."""
    return " ".join(_masked(arg) for arg in protect(command))


_WITH_VALUE = tuple(f"{flag}=" for flag in SECRET_FLAGS)


def _masked(arg: str) -> str:
    if not isinstance(arg, Secret):
        return arg
    return f"{arg.split('=', 1)[0]}=<secret>" if arg.startswith(_WITH_VALUE) else "<secret>"
