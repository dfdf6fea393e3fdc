"""A tiny SMTP server for tests: speaks enough of RFC 5321 (EHLO, AUTH PLAIN, MAIL, RCPT, DATA,
QUIT) for :mod:`smtplib`, keeps every message it receives, runs in a thread."""

from __future__ import annotations

import base64
import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    login: str | None = None
    password: str | None = None


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)
    refuse: bool = False  # answer every RCPT with 550


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        box = self.server.mailbox
        sender, rcpts, login, password = "", [], None, None
        self.reply("220 localhost test SMTP")
        while line := self.rfile.readline():
            cmd = line.decode().strip()
            verb = cmd.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost")
                self.reply("250 AUTH PLAIN")
            elif verb == "AUTH":
                _, login, password = base64.b64decode(cmd.split()[2]).decode().split("\0")
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                sender = cmd.split(":", 1)[1].strip().strip("<>").split(">")[0]
                self.reply("250 OK")
            elif verb == "RCPT":
                if box.refuse:
                    self.reply("550 5.1.1 No such user here")
                    continue
                rcpts.append(cmd.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                msg = message_from_bytes(data, policy=policy.default)
                assert isinstance(msg, EmailMessage)
                box.messages.append(Received(sender, rcpts, msg, login, password))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


def start() -> tuple[_Server, Mailbox]:
    """A server on a free localhost port (``server.server_address[1]``) and its mailbox."""
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.mailbox = Mailbox()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.mailbox
