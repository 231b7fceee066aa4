package org.ruraledu.records;

/**
 * Finds resident ID numbers (and so national student numbers, which are G, J or L and one) in a text, by their
 * structure ({@link ResidentIdNumber}), in one pass without backtracking.
 *
 * <p>A run is a maximal sequence of digits, ASCII or full-width, with at most one separator
 * ({@link IdChars#isSeparator}) between two digits, ending at the first X. Every 18 consecutive symbols of a
 * run are tried, so a number is found inside a longer run too. An old 15-digit number has no check character,
 * so it is weaker evidence (a random 15 digits pass its address and date checks one time in 70): it counts
 * only as a whole run of exactly 15 digits with no separator inside and no Latin letter on either side, never
 * as part of a longer run, of a code such as a hex UUID, or of an id like {@code 123-2026-10-11-2345} whose
 * parts joined by hyphens would make 15 digits. Runs shorter than 15 characters, nearly all of them, are
 * skipped without allocating.
 */
final class IdNumberScan {
    /** Receives the span [start, end) of each number found, in order of start. */
    interface Sink {
        void found(int start, int end);
    }

    private IdNumberScan() {
    }

    /** Reports the numbers in the text to the sink; true if there was at least one. */
    static boolean scan(CharSequence text, Sink sink) {
        boolean any = false;
        int i = 0;
        while (i < text.length()) {
            if (!IdChars.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int end = runEnd(text, i);
            if (end - i >= ResidentIdNumber.OLD_LENGTH) {
                Run run = Run.of(text, i, end);
                any |= run.length() >= ResidentIdNumber.OLD_LENGTH && run.report(sink);
            }
            i = end;
        }
        return any;
    }

    /** The index after the run that starts at {@code start} (a digit). */
    private static int runEnd(CharSequence text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (IdChars.isDigit(c)) {
                i++;
            } else if (IdChars.symbol(c) == ResidentIdNumber.X) {
                return i + 1;
            } else if (IdChars.isSeparator(c) && i + 1 < text.length() && IdChars.isDigit(text.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** The symbols of one run and where each stands in the text. */
    private record Run(CharSequence text, int start, int end, int[] symbols, int[] at, int length) {
        static Run of(CharSequence text, int start, int end) {
            int[] symbols = new int[end - start];
            int[] at = new int[end - start];
            int length = 0;
            for (int i = start; i < end; i++) {
                int symbol = IdChars.symbol(text.charAt(i));
                if (symbol != IdChars.NONE) {
                    symbols[length] = symbol;
                    at[length++] = i;
                }
            }
            return new Run(text, start, end, symbols, at, length);
        }

        /** Tells the sink of each number in the run; true if there was one. */
        boolean report(Sink sink) {
            boolean found = false;
            for (int from = 0; from + ResidentIdNumber.LENGTH <= length; from++) {
                if (ResidentIdNumber.isNumber(symbols, from)) {
                    found = true;
                    int first = from == 0 && start > 0 && IdChars.isStudentNumberPrefix(text.charAt(start - 1))
                            ? start - 1 : at[from];
                    sink.found(first, at[from + ResidentIdNumber.LENGTH - 1] + 1);
                }
            }
            if (length == ResidentIdNumber.OLD_LENGTH && standsAlone() && ResidentIdNumber.isOldNumber(symbols, 0)) {
                sink.found(start, end);
                return true;
            }
            return found;
        }

        /** Contiguous, and no letter on either side. */
        private boolean standsAlone() {
            return end - start == length && (start == 0 || !IdChars.isLatinLetter(text.charAt(start - 1)))
                    && (end == text.length() || !IdChars.isLatinLetter(text.charAt(end)));
        }
    }
}
