package classroom

import (
	"context"
	"sync"
)

// queue lets one run go at a time (a run takes every core) and keeps at
// most cap runs, the running one included; the rest wait in line, each
// told its place as it moves.
type queue struct {
	mu      sync.Mutex
	line    []uint64 // tickets; line[0] runs
	next    uint64
	cap     int
	changed chan struct{} // closed and replaced whenever the line moves
}

func newQueue(capacity int) *queue {
	return &queue{cap: capacity, changed: make(chan struct{})}
}

// join takes a place at the end of the line, or says the line is full.
func (q *queue) join() (ticket uint64, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.line) >= q.cap {
		return 0, false
	}
	q.next++
	q.line = append(q.line, q.next)
	return q.next, true
}

// leave gives up a place (done, failed or the client gone).
func (q *queue) leave(ticket uint64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, t := range q.line {
		if t == ticket {
			q.line = append(q.line[:i], q.line[i+1:]...)
			close(q.changed)
			q.changed = make(chan struct{})
			return
		}
	}
}

// place is the ticket's place: 0 running, 1 next, ...
func (q *queue) place(ticket uint64) (int, <-chan struct{}) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, t := range q.line {
		if t == ticket {
			return i, q.changed
		}
	}
	return -1, q.changed
}

// size is how many runs are running or waiting.
func (q *queue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.line)
}

// wait returns when the ticket's turn comes, calling told with its place
// in the line each time it changes (first at once).
func (q *queue) wait(ctx context.Context, ticket uint64, told func(place int)) error {
	last := -1
	for {
		p, changed := q.place(ticket)
		if p != last {
			last = p
			if p > 0 {
				told(p)
			}
		}
		if p == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-changed:
		}
	}
}
