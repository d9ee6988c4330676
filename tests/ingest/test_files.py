"""Walking folders: links inside the tree are followed, links out are refused, odd files reported.

The rule (pukara.ingest.files): a symbolic link is followed when its target lies inside one of
the folders given; a link leading outside, a broken link, a link loop, a FIFO, a device or a
socket gives one Problem line; hidden files and corpus sidecars are skipped on purpose.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from pukara.errors import Problem
from pukara.ingest import iter_files, read_path
from pukara.model import Document

GOOD = "Peruvian police destroyed a cocaine laboratory near Pichari in the VRAEM on Monday.\n"


def _read_all(root: Path) -> tuple[list[Document], list[Problem]]:
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in iter_files([root]):
        for record in read_path(path):
            if isinstance(record, Problem):
                problems.append(record)
            elif isinstance(record, Document):
                docs.append(record)
    return docs, problems


def test_a_link_out_of_the_folder_is_refused_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" + GOOD)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(GOOD)
    (corpus / "passwd.txt").symlink_to(secret)
    docs, problems = _read_all(corpus)
    assert [Path(d.path).name for d in docs] == ["report.txt"]
    (problem,) = problems
    assert problem.path == str(corpus / "passwd.txt")
    assert problem.where == "file"
    assert "symbolic link" in problem.reason and "outside" in problem.reason
    assert "root:x" not in str(problem)


def test_a_link_to_a_folder_outside_is_not_walked(tmp_path: Path) -> None:
    outside = tmp_path / "etc"
    outside.mkdir()
    (outside / "shadow.txt").write_text(GOOD)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "etc").symlink_to(outside, target_is_directory=True)
    docs, problems = _read_all(corpus)
    assert docs == []
    (problem,) = problems
    assert problem.path == str(corpus / "etc") and "outside" in problem.reason


def test_links_inside_the_folder_are_followed_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "report.txt").write_text(GOOD)
    (corpus / "b").mkdir()
    (corpus / "b" / "same.txt").symlink_to(corpus / "a" / "report.txt")
    (corpus / "c").symlink_to(corpus / "a", target_is_directory=True)
    (corpus / "d").mkdir()
    (corpus / "d" / "other.txt").write_text(GOOD.replace("Monday", "Tuesday"))
    (corpus / "b" / "to_d").symlink_to(Path("..") / "d", target_is_directory=True)
    docs, problems = _read_all(corpus)
    assert problems == []
    assert sorted(Path(d.path).name for d in docs) == ["other.txt", "report.txt"]


def test_link_loops_are_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text(GOOD)
    (corpus / "self").symlink_to("self")
    (corpus / "up").symlink_to(".", target_is_directory=True)
    (corpus / "ping").symlink_to("pong")
    (corpus / "pong").symlink_to("ping")
    docs, problems = _read_all(corpus)
    assert len(docs) == 1
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert set(reasons) == {"self", "up", "ping", "pong"}
    assert all("loop" in r for r in reasons.values()), reasons


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    _, problems = _read_all(tmp_path)
    (problem,) = problems
    assert "broken symbolic link" in problem.reason


def test_a_fifo_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "report.txt").write_text(GOOD)
    docs, problems = _read_all(tmp_path)
    assert len(docs) == 1
    (problem,) = problems
    assert problem.path == str(tmp_path / "pipe.txt")
    assert "FIFO" in problem.reason and "not a regular file" in problem.reason


def test_a_socket_is_reported(tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(tmp_path / "s.sock"))
        _, problems = _read_all(tmp_path)
    finally:
        sock.close()
    (problem,) = problems
    assert "socket" in problem.reason


def test_a_device_given_by_name_is_reported() -> None:
    (problem,) = list(read_path("/dev/null"))
    assert isinstance(problem, Problem)
    assert "character device" in problem.reason


def test_read_path_does_not_follow_a_link_itself(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text(GOOD)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    (problem,) = list(read_path(link))
    assert isinstance(problem, Problem) and "symbolic link" in problem.reason
    # named on its own, the link is the user's choice: iter_files hands over its target
    (path,) = list(iter_files([link]))
    assert path == target.resolve()


def test_an_unlistable_folder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: every folder is readable")
        _, problems = _read_all(tmp_path)
    finally:
        locked.chmod(0o755)
    (problem,) = problems
    assert problem.path == str(locked) and "cannot list" in problem.reason


def test_hidden_files_and_sidecars_are_skipped_on_purpose(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "sources.yaml").write_text("sources: []\n")
    (tmp_path / "report.txt").write_text(GOOD)
    assert list(iter_files([tmp_path])) == [tmp_path / "report.txt"]


def test_a_deep_folder_tree_is_walked(tmp_path: Path) -> None:
    here = tmp_path
    for n in range(60):
        here = here / f"d{n}"
    here.mkdir(parents=True)
    (here / "deep.txt").write_text(GOOD)
    assert list(iter_files([tmp_path])) == [here / "deep.txt"]
