package gw.gateway.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request of another API read as a chat completion: the chat body the policies work on, and the paths
 * of what it had that chat has no word for (top-level settings by name, content by path and type).
 */
public record TranslatedRequest(ObjectNode chat, List<String> untranslated) {}
