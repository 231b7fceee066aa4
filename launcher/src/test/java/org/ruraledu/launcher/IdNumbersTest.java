package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdNumbersTest {

    @Test
    void computesTheCheckCharacterOfPublishedExamples() {
        // The example of GB 11643-1999 itself and a well-known one ending in a digit.
        assertThat(IdNumbers.of("110105", LocalDate.of(1949, 12, 31), 2)).isEqualTo("11010519491231002X");
        assertThat(IdNumbers.of("440524", LocalDate.of(1880, 1, 1), 1)).isEqualTo("440524188001010014");
    }

    @Test
    void makesNumbersOfTheRightShape() {
        IdNumbers numbers = new IdNumbers(new Random(7));
        for (int i = 0; i < 100; i++) {
            String number = numbers.next();
            assertThat(number).matches("3710(02|03|82|83)(200[89]|201[0-9])[0-9]{7}[0-9X]");
            assertThat(IdNumbers.checkCharacter(number)).isEqualTo(number.charAt(17));
        }
        assertThat(numbers.nextEndingInX()).endsWith("X");
    }
}
