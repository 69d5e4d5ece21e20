// CountdownController with a stubbed clock and timers: it wakes just after each whole second, so
// every number from the start down to 0 is shown once, whatever the timers' lateness.
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CountdownController } from '../../src/core/countdown.js';

/** A host that records what the countdown shows at each update it asks for. */
class RecordingHost implements ReactiveControllerHost {
  readonly shown: number[] = [];
  countdown!: CountdownController;
  addController(_controller: ReactiveController): void {}
  removeController(_controller: ReactiveController): void {}
  requestUpdate(): void {
    const remaining = this.countdown.remaining;
    if (this.shown.at(-1) !== remaining) this.shown.push(remaining);
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

describe('CountdownController', () => {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  const realNow = Date.now;
  const realSetTimeout = window.setTimeout;
  const realClearTimeout = window.clearTimeout;

  beforeEach(() => {
    now = 1_000_000;
    timers = [];
    Date.now = () => now;
    window.setTimeout = ((run: () => void, delay: number) => timers.push({ at: now + delay, run })) as unknown as typeof setTimeout;
    window.clearTimeout = ((id: number) => {
      if (id > 0) timers[id - 1] = { at: Infinity, run: () => {} };
    }) as typeof clearTimeout;
  });
  afterEach(() => {
    Date.now = realNow;
    window.setTimeout = realSetTimeout;
    window.clearTimeout = realClearTimeout;
  });

  /** Runs the next timer, `lateness` ms after it was due. */
  function runNextTimer(lateness: number): boolean {
    const due = timers.filter((timer) => timer.at !== Infinity).sort((a, b) => a.at - b.at)[0];
    if (!due) return false;
    now = due.at + lateness;
    due.at = Infinity;
    due.run();
    return true;
  }

  function countdownOf(host: RecordingHost): CountdownController {
    host.countdown = new CountdownController(host);
    return host.countdown;
  }

  for (const lateness of [0, 3, 400, 990]) {
    it(`shows 3, 2, 1, 0, each once, with timers ${lateness} ms late`, () => {
      const host = new RecordingHost();
      countdownOf(host).start(3);
      while (runNextTimer(lateness));
      expect(host.shown).to.deep.equal([3, 2, 1, 0]);
      expect(host.countdown.running).to.equal(false);
    });
  }

  it('wakes just after the number changes when started mid-second', () => {
    const host = new RecordingHost();
    const countdown = countdownOf(host);
    countdown.start(2.4);
    expect(countdown.remaining).to.equal(3);
    // 2.4 s left: the shown number drops to 2 after 400 ms, and the first wake-up is right then.
    expect(timers[0]!.at - now).to.be.within(400, 410);
    while (runNextTimer(0));
    expect(host.shown).to.deep.equal([3, 2, 1, 0]);
  });

  it('stops at once, and a disconnected host gets no more updates', () => {
    const host = new RecordingHost();
    const countdown = countdownOf(host);
    countdown.start(5);
    countdown.stop();
    expect(countdown.running).to.equal(false);
    expect(host.shown).to.deep.equal([5, 0]);
    countdown.start(5);
    countdown.hostDisconnected();
    expect(runNextTimer(0)).to.equal(false);
  });
});
