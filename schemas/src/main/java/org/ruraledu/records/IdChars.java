package org.ruraledu.records;

/**
 * What a character is to the ID number scan: full-width forms (common in Chinese input methods) count as their
 * ASCII originals, so a number typed either way is found.
 */
final class IdChars {
    /** Not a digit nor the check character X. */
    static final int NONE = -1;

    private IdChars() {
    }

    /** 0..9 for a digit, {@link ResidentIdNumber#X} for X or x, else {@link #NONE}. */
    static int symbol(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= '０' && c <= '９') {
            return c - '０';
        }
        return c == 'X' || c == 'x' || c == 'Ｘ' || c == 'ｘ' ? ResidentIdNumber.X : NONE;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || c >= '０' && c <= '９';
    }

    /**
     * What people put between the groups of a number: space, hyphen, their full-width forms. Not dots, commas or
     * slashes: those separate decimals, thousands and dates, and joining them would make numbers of unrelated
     * values.
     */
    static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u3000' || c == '－';
    }

    /** The letters a national student number starts with (G, J or L, any case or width). */
    static boolean isStudentNumberPrefix(char c) {
        char ascii = c >= 'Ａ' && c <= 'ｚ' ? (char) (c - 'Ａ' + 'A') : c;
        return ascii == 'G' || ascii == 'J' || ascii == 'L' || ascii == 'g' || ascii == 'j' || ascii == 'l';
    }

    /** A Latin letter, ASCII or full-width: the neighbour that makes a digit run part of a code like a UUID. */
    static boolean isLatinLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 'Ａ' && c <= 'Ｚ' || c >= 'ａ' && c <= 'ｚ';
    }
}
