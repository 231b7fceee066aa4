package org.ruraledu.producers.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import org.ruraledu.records.InputKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --kind meal-reports} → {@link InputKind#MEAL_REPORTS}; the candidates list every kind for help. */
public final class InputKindConverter implements ITypeConverter<InputKind> {
    @Override
    public InputKind convert(String value) {
        return InputKind.byPath(value).orElseThrow(() -> new TypeConversionException("unknown kind '" + value
                + "'; one of " + String.join(", ", new Candidates())));
    }

    /** Every kind's path, for {@code completionCandidates} and messages. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(InputKind.values()).map(InputKind::path).collect(Collectors.toList()).iterator();
        }
    }
}
