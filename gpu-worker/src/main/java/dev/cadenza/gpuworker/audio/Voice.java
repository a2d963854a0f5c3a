package dev.cadenza.gpuworker.audio;

/**
 * The instruments of the built-in band. Each renders a span of one note straight into the
 * song buffer; every sample is a function of its position in the note, so a note split
 * across render chunks sounds exactly as if rendered at once.
 */
enum Voice {
  /** Sustained chord tone: fundamental, octave and a slightly detuned unison for width. */
  PAD {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double cycles = note.frequency() * t / rate;
      double tone = Oscillator.sine(cycles)
          + 0.4 * Oscillator.sine(2 * cycles)
          + 0.3 * Oscillator.sine(1.004 * cycles);
      return tone * envelope(t, note.length(), 0.08 * rate, 0.2 * rate);
    }
  },
  /** Plucked bass: fast attack, exponential decay. */
  BASS {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double cycles = note.frequency() * t / rate;
      double tone = Oscillator.sine(cycles) + 0.35 * Oscillator.sine(2 * cycles);
      double decay = Math.exp(-t / (0.35 * rate));
      return tone * decay * envelope(t, note.length(), 0.005 * rate, 0.03 * rate);
    }
  },
  /** Sung syllable: a few harmonics for a voice-like timbre, with 5.5 Hz vibrato. */
  VOCAL {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double seconds = (double) t / rate;
      // Integrated vibrato: the phase of a tone whose pitch swings by +-0.6%.
      double cycles = note.frequency() * seconds
          - note.frequency() * 0.006 / (2 * Math.PI * 5.5) * Oscillator.sine(5.5 * seconds + 0.25);
      double tone = Oscillator.sine(cycles)
          + 0.5 * Oscillator.sine(2 * cycles)
          + 0.25 * Oscillator.sine(3 * cycles)
          + 0.12 * Oscillator.sine(4 * cycles);
      return tone * envelope(t, note.length(), 0.03 * rate, 0.08 * rate);
    }
  },
  /** Kick drum: a sine sweeping down from 150 Hz to 50 Hz. */
  KICK {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double seconds = (double) t / rate;
      double sweep = Math.exp(-seconds / 0.04);
      double cycles = 50 * seconds + 100 * 0.04 * (1 - sweep);
      return Oscillator.sine(cycles) * Math.exp(-seconds / 0.12);
    }
  },
  /** Snare: noise burst over a short 185 Hz body. */
  SNARE {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double seconds = (double) t / rate;
      return 0.7 * Oscillator.noise(index, 0x5EED) * Math.exp(-seconds / 0.07)
          + 0.5 * Oscillator.sine(185 * seconds) * Math.exp(-seconds / 0.04);
    }
  },
  /** Closed hi-hat: differentiated (brighter) noise with a very short decay. */
  HAT {
    @Override
    double sample(Note note, int t, long index, int rate) {
      double bright = Oscillator.noise(index, 0x4A7) - Oscillator.noise(index - 1, 0x4A7);
      return 0.5 * bright * Math.exp(-t / (0.015 * rate));
    }
  };

  /** The note's sound at sample {@code t} of the note ({@code index} = song position). */
  abstract double sample(Note note, int t, long index, int rate);

  /** Adds the note's samples in [from, to) (song positions) to {@code song}. */
  void render(Note note, float[] song, int from, int to, int rate) {
    for (int i = from; i < to; i++) {
      song[i] += (float) (note.gain() * sample(note, i - note.start(), i, rate));
    }
  }

  /** Linear attack and release, so notes start and stop without clicks. */
  static double envelope(int t, int length, double attack, double release) {
    return Math.min(1, Math.min(t / attack, (length - t) / release));
  }
}
