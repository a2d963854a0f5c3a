package dev.cadenza.gpuworker.audio;

import java.util.Arrays;

/**
 * The instruments of the built-in band. Each adds a span of one note to the song: its {@link
 * #tone} (timbre and decays) straight into the song where the note sounds at full level, and
 * through a scratch buffer, to be shaped by a linear attack and release, at its ends. Every span
 * starts from the note's state at its first sample: phases are exact integers (see {@link
 * Oscillator}) and decays restart from {@link Math#exp}, so a note split across render chunks
 * sounds as if rendered at once.
 *
 * <p>Rendering is nearly all of the audio model's CPU, so each loop does the least per sample: a
 * phase addition and one table lookup per tone, a multiplication per decay, and no envelope
 * arithmetic between attack and release (most of a note). Per-sample {@code Math.exp}, a lookup
 * per harmonic, a division per sample and an envelope of two {@code Math.min} (on doubles, with
 * their NaN rules: half of the pad's time on its own) made rendering four to five times as
 * expensive.
 */
enum Voice {
  /** Sustained chord tone: fundamental, octave and a slightly detuned unison for width. */
  PAD(0.08, 0.2) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      int increment = Oscillator.increment(note.frequency(), rate);
      int unisonIncrement = Oscillator.increment(1.004 * note.frequency(), rate);
      int phase = increment * t;
      int unison = unisonIncrement * t;
      for (int k = 0; k < count; k++) {
        float tone =
            Oscillator.at(Oscillator.PAD, phase) + 0.3f * Oscillator.at(Oscillator.SINE, unison);
        out[at + k] += gain * tone;
        phase += increment;
        unison += unisonIncrement;
      }
    }
  },
  /** Plucked bass: fast attack, exponential decay. */
  BASS(0.005, 0.03) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      int increment = Oscillator.increment(note.frequency(), rate);
      int phase = increment * t;
      Decay decay = new Decay(0.35 * rate, t);
      for (int k = 0; k < count; k++) {
        out[at + k] += (float) (gain * Oscillator.at(Oscillator.BASS, phase) * decay.next());
        phase += increment;
      }
    }
  },
  /** Sung syllable: a few harmonics for a voice-like timbre, with 5.5 Hz vibrato. */
  VOCAL(0.03, 0.08) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      int increment = Oscillator.increment(note.frequency(), rate);
      int vibratoIncrement = Oscillator.increment(VIBRATO_HZ, rate);
      // Integrated vibrato: the phase of a tone whose pitch swings by +-0.6% lags (or leads)
      // a steady tone's by up to this many phase units.
      double swing = note.frequency() * 0.006 / (2 * Math.PI * VIBRATO_HZ) * 0x1.0p32;
      int steady = increment * t;
      int vibrato = vibratoIncrement * t + Oscillator.phase(0.25);
      for (int k = 0; k < count; k++) {
        int phase = steady - (int) (swing * Oscillator.at(Oscillator.SINE, vibrato));
        out[at + k] += gain * Oscillator.at(Oscillator.VOCAL, phase);
        steady += increment;
        vibrato += vibratoIncrement;
      }
    }
  },
  /** Kick drum: a sine sweeping down from 150 Hz to 50 Hz. */
  KICK(0, 0) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      int increment = Oscillator.increment(50, rate);
      int base = increment * t;
      // The 100 Hz above the base pitch fade with the sweep; their phase is 100 Hz integrated
      // over the sweep: 100 * 0.04 * (1 - sweep) cycles.
      Decay sweep = new Decay(0.04 * rate, t);
      Decay body = new Decay(0.12 * rate, t);
      for (int k = 0; k < count; k++) {
        int phase = base + Oscillator.phase(100 * 0.04 * (1 - sweep.next()));
        out[at + k] += (float) (gain * Oscillator.at(Oscillator.SINE, phase) * body.next());
        base += increment;
      }
    }
  },
  /** Snare: noise burst over a short 185 Hz body. */
  SNARE(0, 0) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      int increment = Oscillator.increment(185, rate);
      int phase = increment * t;
      Decay rattle = new Decay(0.07 * rate, t);
      Decay body = new Decay(0.04 * rate, t);
      long index = (long) note.start() + t;
      for (int k = 0; k < count; k++, index++) {
        double sound = 0.7 * Oscillator.noise(index, 0x5EED) * rattle.next()
            + 0.5 * Oscillator.at(Oscillator.SINE, phase) * body.next();
        out[at + k] += (float) (gain * sound);
        phase += increment;
      }
    }
  },
  /** Closed hi-hat: differentiated (brighter) noise with a very short decay. */
  HAT(0, 0) {
    @Override
    void tone(Note note, int t, float[] out, int at, int count, float gain, int rate) {
      Decay decay = new Decay(0.015 * rate, t);
      long index = (long) note.start() + t;
      double previous = Oscillator.noise(index - 1, 0x4A7);
      for (int k = 0; k < count; k++, index++) {
        double noise = Oscillator.noise(index, 0x4A7);
        out[at + k] += (float) (gain * 0.5 * (noise - previous) * decay.next());
        previous = noise;
      }
    }
  };

  private static final double VIBRATO_HZ = 5.5;

  private final double attackSeconds;
  private final double releaseSeconds;

  /** Drums pass 0, 0: no envelope, they start at full level and end where they are cut. */
  Voice(double attackSeconds, double releaseSeconds) {
    this.attackSeconds = attackSeconds;
    this.releaseSeconds = releaseSeconds;
  }

  /**
   * Adds {@code gain} times {@code count} samples of the note's sound, from sample {@code t} of
   * the note on, to {@code out[at..at+count)}: timbre and decays, no envelope.
   */
  abstract void tone(Note note, int t, float[] out, int at, int count, float gain, int rate);

  /**
   * Adds the note's samples in [from, to) (song positions) to {@code song}, using {@code
   * scratch} (at least {@code to - from} long) where the envelope applies.
   */
  final void render(Note note, float[] song, int from, int to, int rate, float[] scratch) {
    int first = from - note.start();
    int count = to - from;
    float gain = (float) note.gain();
    if (attackSeconds == 0 && releaseSeconds == 0) {
      tone(note, first, song, from, count, gain, rate);
      return;
    }
    double attack = attackSeconds * rate;
    double release = releaseSeconds * rate;
    // Samples of the note where t >= attack and length - t >= release: the envelope is 1.
    int sustainFrom = Math.clamp((long) Math.ceil(attack) - first, 0, count);
    int sustainTo =
        Math.clamp((long) Math.floor(note.length() - release) + 1 - first, sustainFrom, count);
    shaped(note, song, from, 0, sustainFrom, attack, release, rate, scratch);
    tone(note, first + sustainFrom, song, from + sustainFrom, sustainTo - sustainFrom, gain, rate);
    shaped(note, song, from, sustainTo, count, attack, release, rate, scratch);
  }

  /**
   * Adds samples [fromK, toK) of the span starting at song position {@code from} under a linear
   * attack and release, so notes start and stop without clicks.
   */
  private void shaped(
      Note note,
      float[] song,
      int from,
      int fromK,
      int toK,
      double attack,
      double release,
      int rate,
      float[] scratch) {
    int count = toK - fromK;
    if (count <= 0) {
      return;
    }
    int first = from - note.start() + fromK;
    Arrays.fill(scratch, 0, count, 0f);
    tone(note, first, scratch, 0, count, 1f, rate);
    double perAttackSample = 1 / attack;
    double perReleaseSample = 1 / release;
    double gain = note.gain();
    for (int k = 0; k < count; k++) {
      int t = first + k;
      // Outside the sustain both are below 1 where they apply; the smaller one wins where
      // attack and release overlap (a note shorter than both).
      double rising = t * perAttackSample;
      double falling = (note.length() - t) * perReleaseSample;
      double envelope = rising < falling ? rising : falling;
      song[from + fromK + k] += (float) (gain * scratch[k] * envelope);
    }
  }

  /**
   * exp(-t / timeConstant) for t, t + 1, ...: one multiplication per sample instead of a
   * {@link Math#exp}.
   */
  private static final class Decay {
    private final double factor;
    private double value;

    Decay(double timeConstantSamples, int t) {
      this.factor = Math.exp(-1 / timeConstantSamples);
      this.value = Math.exp(-t / timeConstantSamples);
    }

    /** The value at the current sample; moves on to the next. */
    double next() {
      double current = value;
      value *= factor;
      return current;
    }
  }
}
