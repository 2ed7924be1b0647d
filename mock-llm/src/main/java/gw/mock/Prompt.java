package gw.mock;

import java.util.List;

/**
 * What the answer is built from.
 *
 * @param documents    context documents found in system, developer, user and tool messages
 * @param question     the last user question, without the documents around it
 * @param instructions the system and developer messages joined, to follow their instructions
 */
record Prompt(List<ContextDocument> documents, String question, String instructions) {
}
