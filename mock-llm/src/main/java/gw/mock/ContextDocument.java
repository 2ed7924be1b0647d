package gw.mock;

/** A piece of retrieved context found in the prompt, with the name it was given. */
record ContextDocument(String source, String text) {
}
