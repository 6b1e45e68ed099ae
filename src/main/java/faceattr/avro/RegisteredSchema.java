package faceattr.avro;

import org.apache.avro.Schema;

/** One version of a subject: what {@code GET /subjects/{s}/versions/{v}} and {@code POST /subjects/{s}} answer. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
