"""Stable error codes.

A document that cannot be read becomes an :class:`~newsledger.model.ErrorRecord`
carrying one of these codes; the batch goes on. Codes never change meaning;
new ones are appended.
"""

from __future__ import annotations


class Errors:
    E001 = "E001 empty document: no text after cleaning"
    E002 = "E002 binary input: the bytes are not text (NUL bytes or mostly control characters)"
    E003 = "E003 undecodable input: not valid UTF-8 and no declared or detectable encoding"
    E004 = "E004 document too large: {size} bytes exceeds the limit of {limit} bytes (--max-bytes)"
    E005 = "E005 malformed HTML: no article text could be extracted"
    E006 = "E006 malformed JSON line {line}: {detail}"
    E007 = "E007 JSON document lacks a text field (line {line})"
    E008 = "E008 input not found: {path}"
    E009 = "E009 unknown input format: {fmt}"
    E010 = "E010 extraction failed in extractor {name}: {detail}"
    E011 = "E011 malformed XML: {detail}"
    E012 = "E012 fetch failed: {detail}"
    E013 = "E013 unsupported content type: {detail}"
    E014 = "E014 could not store the record: {detail}"
    E015 = "E015 unreadable archive: {detail}"


class NewsledgerError(Exception):
    """An error about one input, with a stable code (the first word of the message)."""

    def __init__(self, template: str, **fields: object) -> None:
        message = template.format(**fields) if fields else template
        self.code = message.split(" ", 1)[0]
        self.message = message.split(" ", 1)[1] if " " in message else message
        super().__init__(message)


class ModelNotFound(Exception):
    """No spaCy pipeline could be loaded under any of the names tried."""
