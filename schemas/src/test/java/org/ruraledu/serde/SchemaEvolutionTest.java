package org.ruraledu.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ruraledu.records.InputKind;

/**
 * Fails the build when a schema changes in a way that breaks readers or writers of the last released version:
 * a new version must be backward compatible (new readers read old data) and forward compatible (old readers
 * read new data). Releasing a new version means adding {@code v(n+1).avsc} beside the others.
 */
class SchemaEvolutionTest {

    static Stream<Class<?>> records() {
        return Stream.of(InputKind.values()).map(InputKind::recordClass);
    }

    @ParameterizedTest
    @MethodSource("records")
    void currentSchemaIsBackwardAndForwardCompatibleWithTheLastRelease(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> released = ReleasedSchemas.of(current.getName());
        assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
        Schema last = released.get(released.size() - 1);

        assertThat(compatibility(current, last)).as("current reads the last release (backward)")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(last, current)).as("the last release reads current (forward)")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @MethodSource("records")
    void currentSchemaReadsEveryReleasedVersion(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        for (Schema old : ReleasedSchemas.of(current.getName())) {
            assertThat(compatibility(current, old)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyFieldIsDocumented(Class<?> type) {
        Schema current = SpecificData.get().getSchema(type);
        assertThat(current.getFields()).allSatisfy(f -> assertThat(f.doc()).as(f.name()).isNotBlank());
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
