package dev.cadenza.api.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JSON factory of the application's ObjectMapper: every parser it makes checks each string
 * value and field name against {@link AcceptedText} as it reads the token, and fails with {@link
 * UnacceptableTextException} naming the path ({@code items[1].input.prompt}). At the parser, the
 * rule holds for whatever a body is read into (JSON trees, records, maps, polymorphic types), at
 * any depth, without each field having to remember it.
 */
public class TextCheckingJsonFactory extends JsonFactory {
  public TextCheckingJsonFactory() {}

  protected TextCheckingJsonFactory(TextCheckingJsonFactory source, ObjectCodec codec) {
    super(source, codec);
  }

  @Override
  public TextCheckingJsonFactory copy() {
    _checkInvalidCopy(TextCheckingJsonFactory.class);
    return new TextCheckingJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    return new TextCheckingParser(super._createParser(in, context));
  }

  @Override
  protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
    return new TextCheckingParser(super._createParser(reader, context));
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int length, IOContext context, boolean recyclable)
      throws IOException {
    return new TextCheckingParser(super._createParser(data, offset, length, context, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
      throws IOException {
    return new TextCheckingParser(super._createParser(data, offset, length, context));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
    return new TextCheckingParser(super._createParser(input, context));
  }

  /**
   * Checks each token as it is read. The other {@code next...} methods of {@link JsonParser} go
   * through {@link #nextToken}; {@link #nextValue} is delegated by the base class, so it is
   * redone here. What {@code skipChildren} skips is never read, so it needs no check.
   */
  static final class TextCheckingParser extends JsonParserDelegate {
    TextCheckingParser(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
        CharSequence text = CharBuffer.wrap(
            delegate.getTextCharacters(), delegate.getTextOffset(), delegate.getTextLength());
        String problem = AcceptedText.problem(text);
        if (problem != null) {
          throw new UnacceptableTextException(this, new FieldProblem(path(), problem));
        }
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    /** The path of the current token as the other field problems write it. */
    private String path() {
      Deque<String> segments = new ArrayDeque<>();
      for (JsonStreamContext c = delegate.getParsingContext(); c != null; c = c.getParent()) {
        if (c.inArray()) {
          segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
        } else if (c.inObject() && c.getCurrentName() != null) {
          segments.push("." + AcceptedText.escaped(c.getCurrentName()));
        }
      }
      String path = String.join("", segments);
      return path.startsWith(".") ? path.substring(1) : path;
    }
  }
}
