#!/bin/bash
# Run from the repository root, with the package installed: bash benchmarks/cpu.sh [SECONDS]
# CPU of the real app with a segment running vs a bare Textual app with a 1 Hz clock, 60 s each, in tmux.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python}
DUR=${1:-60}
SOCK=facilitator-cpu-$$  # our own tmux server: nothing else is touched
R=$(mktemp -d)
tmux -L "$SOCK" new-session -d -s cpu-fac -x 100 -y 30 "exec env FACILITATOR_RECORDS=$R $PY -m facilitator run $ROOT/sessions/llm-interpretability.toml --quiet"
tmux -L "$SOCK" new-session -d -s cpu-bare -x 100 -y 30 "exec $PY $ROOT/benchmarks/bare_clock.py"
tmux -L "$SOCK" set-option -t cpu-fac remain-on-exit on; sleep 4
tmux -L "$SOCK" send-keys -t cpu-fac space; sleep 0.5
tmux -L "$SOCK" send-keys -t cpu-fac a; sleep 0.5; tmux -L "$SOCK" send-keys -t cpu-fac -l Rob; tmux -L "$SOCK" send-keys -t cpu-fac Enter; sleep 0.5
tmux -L "$SOCK" send-keys -t cpu-fac a; sleep 0.5; tmux -L "$SOCK" send-keys -t cpu-fac -l Aroha; tmux -L "$SOCK" send-keys -t cpu-fac Enter; sleep 0.5
tmux -L "$SOCK" send-keys -t cpu-fac ']'; sleep 2
tmux -L "$SOCK" capture-pane -p -t cpu-fac | tail -5; P1=$(tmux -L "$SOCK" display -p -t cpu-fac '#{pane_pid}'); P2=$(tmux -L "$SOCK" display -p -t cpu-bare '#{pane_pid}')
tick() { awk '{print $14+$15}' /proc/$1/stat; }
A1=$(tick $P1); B1=$(tick $P2); T0=$(date +%s.%N)
sleep $DUR
A2=$(tick $P1); B2=$(tick $P2); T1=$(date +%s.%N)
HZ=$(getconf CLK_TCK)
python3 -c "
hz=$HZ; el=$T1-$T0
a=($A2-$A1)/hz; b=($B2-$B1)/hz
print(f'facilitator (intros, speaker timer running): {a:.2f} s CPU in {el:.0f} s = {100*a/el:.2f}% of a core')
print(f'bare Textual app, 1 Hz clock:                {b:.2f} s CPU in {el:.0f} s = {100*b/el:.2f}% of a core')
"
tmux -L "$SOCK" capture-pane -p -t cpu-fac | sed -n 1,10p
tmux -L "$SOCK" kill-session -t cpu-fac; tmux -L "$SOCK" kill-session -t cpu-bare
