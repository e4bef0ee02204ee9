"""Kattis output validator for "Nobody In Their Own Seat".

Run as: validate.py judge_input judge_answer feedback_dir < contestant_output
Exit 42 = accepted, 43 = wrong answer (https://www.kattis.com/problem-package-format/).
The contestant's output is hostile: never trust its size, shape or content.
"""
import os
import sys

ACCEPTED, WRONG_ANSWER = 42, 43


def verdict(code, message, feedback_dir):
    with open(os.path.join(feedback_dir, "judgemessage.txt"), "a") as feedback:
        feedback.write(message + "\n")
    sys.exit(code)


def main():
    judge_input, judge_answer, feedback_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(open(judge_input).read().split()[0])
    solvable = open(judge_answer).read().split()[0].lower() != "impossible"
    tokens = sys.stdin.buffer.read().split()

    if not tokens:
        verdict(WRONG_ANSWER, "empty output", feedback_dir)
    if tokens[0].lower() == b"impossible":
        if len(tokens) != 1:
            verdict(WRONG_ANSWER, "extra output after 'impossible'", feedback_dir)
        if solvable:
            verdict(WRONG_ANSWER, f"said impossible, but n = {n} has a solution", feedback_dir)
        verdict(ACCEPTED, "correctly impossible", feedback_dir)
    if not solvable:
        verdict(WRONG_ANSWER, f"n = {n} has no solution, expected 'impossible'", feedback_dir)
    if len(tokens) != n:
        verdict(WRONG_ANSWER, f"expected {n} numbers, got {len(tokens)} tokens", feedback_dir)

    seen = [False] * (n + 1)
    for i, token in enumerate(tokens, start=1):
        if not token.isdigit() or len(token) > 7:
            verdict(WRONG_ANSWER, f"token {i} is not a number from 1 to {n}", feedback_dir)
        value = int(token)
        if not 1 <= value <= n:
            verdict(WRONG_ANSWER, f"p_{i} = {value} is out of range 1..{n}", feedback_dir)
        if seen[value]:
            verdict(WRONG_ANSWER, f"paper {value} is handed out twice", feedback_dir)
        if value == i:
            verdict(WRONG_ANSWER, f"student {i} grades their own paper", feedback_dir)
        seen[value] = True
    verdict(ACCEPTED, "valid derangement", feedback_dir)


main()
