"""The speech commands of the `studio` CLI: `voices`, `say` and `synth`.

Exit codes: 0 done, 1 failed (voice not installed, synthesis failed, show errors), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys

from studio.cli.command import Command, SubParsers
from studio.core import cliargs
from studio.core.clock import SystemClock
from studio.core.dirs import speech_cache_dir
from studio.core.vocab import MouthShape
from studio.core.text import strip_hidden
from studio.show.model import Voice
from studio.speech.cache import SpeechCache
from studio.speech.engine import SynthesisError
from studio.speech.showlines import show_lines
from studio.speech.speaker import Speaker
from studio.speech.supervisor import WorkerEngine
from studio.speech.types import Utterance
from studio.speech.voices import VoiceNotFoundError
from studio.speech.wavio import write_wav


def _declare_voices(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    v = sub.add_parser(name, help="list the installed voices and their languages",
                              description="List the voices the TTS engine has, with their languages, "
                                          "and which one studio picks for zh-CN and en-US.")
    v.add_argument("--lang", type=cliargs.language, help="only voices for this language (e.g. zh-CN, en)")
    v.add_argument("--json", action="store_true", help="print JSON for tools")
    _cache_args(v)
    return v


def _declare_say(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    s = sub.add_parser(name, help="speak a line into a WAV and show its timings",
                              description="Synthesize TEXT as the host would say it. Prints what the "
                                          "voice read, the word timings and a mouth-track summary.")
    s.add_argument("text", type=cliargs.text(what="line to say"), help="the line, as a caption would show it")
    s.add_argument("--lang", type=cliargs.language, default="zh-CN", help="the line's language (default zh-CN)")
    s.add_argument("--voice", type=cliargs.text(max_length=500, what="voice id or name"), default="auto",
                   help="a voice id or name (default: by language)")
    s.add_argument("--rate", type=cliargs.whole(40, 500, unit="words per minute"), default=175,
                   help="words per minute, 40–500 (default 175)")
    s.add_argument("--volume", type=cliargs.real(0.0, 1.0), default=1.0, help="0.0–1.0 (default 1.0)")
    s.add_argument("--fps", type=cliargs.whole(10, 60, unit="frames per second"), default=30,
                   help="frame rate the mouth track is made for, 10–60 (default 30)")
    s.add_argument("-o", "--output", type=cliargs.output_file([".wav"], "WAV audio"), metavar="WAV",
                   help="write the audio here")
    _cache_args(s)
    return s


def _declare_synth(sub: SubParsers, name: str) -> argparse.ArgumentParser:
    y = sub.add_parser(name, help="pre-synthesize every line of a show into the cache",
                              description="Speak every pitch line, FAQ answer and filler line of a "
                                          "show (each variant, up to --max-variants per line) so the "
                                          "show starts with its audio ready.")
    y.add_argument("show", type=cliargs.show_folder(), help="the show folder (or its show.toml)")
    y.add_argument("--max-variants", type=cliargs.whole(1, 1000), default=12, metavar="N",
                   help="at most N variants of each line, 1–1000 (default 12)")
    y.add_argument("--at", type=cliargs.moment, metavar="'YYYY-MM-DD HH:MM'",
                   help="the time the show airs, for lines that say it ({time}; default: now)")
    _cache_args(y)
    return y


def _cache_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache-dir", type=cliargs.output_folder("the speech cache"), metavar="DIR",
                   help=f"where synthesized audio is kept (default {speech_cache_dir()})")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _speaker(args: argparse.Namespace, fps: int = 30) -> Speaker:
    cache = None if getattr(args, "no_cache", False) else SpeechCache(getattr(args, "cache_dir", None))
    return Speaker(WorkerEngine(), cache, fps=fps)


def _err(command: str, message: str) -> None:
    print(f"studio {command}: {message}", file=sys.stderr)


def cmd_voices(args: argparse.Namespace) -> int:
    speaker = _speaker(args)
    try:
        voices = speaker.voices()
        picks = {}
        for lang in ("zh-CN", "en-US"):
            try:
                picks[lang] = speaker.voice_for(lang).id
            except VoiceNotFoundError:
                picks[lang] = ""
    except SynthesisError as exc:
        _err("voices", f"the TTS engine did not start: {exc.message}")
        return 1
    finally:
        speaker.engine.close()
    if args.lang:
        want = args.lang.lower().split("-")[0]
        prefixes = ("zh", "cmn", "yue") if want in ("zh", "cmn", "yue") else (want,)
        voices = [v for v in voices if any(lang.lower().startswith(prefixes) for lang in v.languages)]
    if args.json:
        json.dump({"voices": [{"id": v.id, "name": v.name, "languages": list(v.languages),
                               "gender": v.gender} for v in voices], "auto": picks},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max((len(v.id) for v in voices), default=10)
    for v in voices:
        mark = "  ".join(f"← auto for {lang}" for lang, vid in picks.items() if vid == v.id)
        print(f"{v.id:<{width}}  {'/'.join(v.languages):<16}  {v.name}  {mark}".rstrip())
    print(f"{len(voices)} voice{'s' * (len(voices) != 1)} "
          f"(engine: {speaker.engine.fingerprint()})", file=sys.stderr)
    return 0


def mouth_summary(utt: Utterance) -> str:
    """One line for people: how many cues of which shape, closures and roundings."""
    counts = utt.mouth.shape_counts()
    order = "ABCDEFGHX"
    shapes = " ".join(f"{s}×{counts[s]}" for s in order if s in counts)
    closes = counts.get(MouthShape.A.value, 0)
    rounds = counts.get(MouthShape.E.value, 0) + counts.get(MouthShape.F.value, 0)
    return (f"mouth: {len(utt.mouth.cues)} cues over {utt.mouth.duration:.2f} s from "
            f"{utt.mouth.source} at {utt.mouth.fps} fps — {shapes}; closes {closes}×, rounds {rounds}×")


def cmd_say(args: argparse.Namespace) -> int:
    text = strip_hidden(args.text)  # what the screen and the voice get from show text (studio.core.text)
    if not text.strip():
        return cliargs.usage_error("say", "text", args.text, "holds only hidden characters", "give a line to say")
    speaker = _speaker(args, args.fps)
    try:
        utt = speaker.synthesize(text, args.lang, Voice(id=args.voice, rate=args.rate,
                                                             volume=args.volume))
    finally:
        speaker.engine.close()
    for note in utt.incidents:
        print(f"note: {note}", file=sys.stderr)
    if not utt.ok:
        assert utt.failure is not None
        _err("say", f"could not speak the line ({utt.failure.kind}): {utt.failure.message}")
        return 1
    print(f"voice read: {' | '.join(utt.spoken)}")
    print(f"voices: {', '.join(dict.fromkeys(utt.voices))}")
    print(f"duration: {utt.duration:.3f} s at {utt.sample_rate} Hz"
          f"{' (from the cache)' if utt.cached else ''}")
    print("words:")
    for w in utt.words:
        print(f"  {w.start:7.3f} – {w.end:7.3f}  {w.text}{'  (estimated)' if w.estimated else ''}")
    print(mouth_summary(utt))
    if args.output:
        try:
            write_wav(args.output, utt.pcm, utt.sample_rate)
        except OSError as exc:
            _err("say", f"cannot write {args.output}: {exc.strerror or exc}")
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _progress(done: int, total: int, note: str) -> None:
    width = 30
    filled = int(width * done / max(1, total))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {note[:40]:<40}")
    sys.stderr.flush()


def cmd_synth(args: argparse.Namespace) -> int:
    from studio.show.loader import load_show

    result = load_show(args.show)
    if result.show is None:
        for p in result.problems:
            if p.is_error:
                print(p.format(), file=sys.stderr)
        _err("synth", f"{args.show} has errors; fix them first (`studio check {args.show}`)")
        return 1
    show = result.show
    lines = show_lines(show, args.max_variants, args.at)
    speaker = _speaker(args, show.fps)
    clock = SystemClock()
    started = clock.monotonic()
    failed: list[str] = []
    audio = 0.0
    cached = 0
    try:
        for i, (text, lang) in enumerate(lines):
            _progress(i, len(lines), text)
            utt = speaker.synthesize(text, lang, show.voice)
            if utt.ok:
                audio += utt.duration
                cached += utt.cached
            else:
                assert utt.failure is not None
                failed.append(f"{text[:50]!r}: {utt.failure.message}")
        _progress(len(lines), len(lines), "done")
        sys.stderr.write("\n")
    finally:
        speaker.engine.close()
    took = clock.monotonic() - started
    for f in failed:
        print(f"failed: {f}", file=sys.stderr)
    where = speaker.cache.root if speaker.cache is not None else "nowhere (--no-cache)"
    print(f"{len(lines)} lines ({cached} already cached), {audio / 60:.1f} min of audio in "
          f"{took:.1f} s; cache: {where}")
    return 1 if failed else 0


VOICES = Command("voices", _declare_voices, cmd_voices)
SAY = Command("say", _declare_say, cmd_say)
SYNTH = Command("synth", _declare_synth, cmd_synth)
COMMANDS = (VOICES, SAY, SYNTH)
