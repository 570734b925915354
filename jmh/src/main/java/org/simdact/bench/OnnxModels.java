package org.simdact.bench;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one-node ONNX models (y = Op(x) over a float tensor of shape [1, n]) as protobuf bytes,
 * field by field, from the numbers in onnx.proto. Only the fields ONNX Runtime needs are written.
 */
final class OnnxModels {

  // ModelProto
  private static final int MODEL_IR_VERSION = 1;
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  // OperatorSetIdProto
  private static final int OPSET_VERSION = 2;
  // GraphProto
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_NAME = 2;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  // NodeProto
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  // AttributeProto
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_F = 2;
  private static final int ATTRIBUTE_TYPE = 20;
  private static final int ATTRIBUTE_TYPE_FLOAT = 1;
  // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto and its Dimension
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_ELEM_TYPE = 1;
  private static final int TENSOR_SHAPE = 2;
  private static final int ELEM_TYPE_FLOAT = 1;
  private static final int SHAPE_DIM = 1;
  private static final int DIM_VALUE = 1;

  /** IR version 8 and opset 17 are read by every ONNX Runtime since 1.13. */
  private static final long IR_VERSION = 8;

  private static final long OPSET = 17;

  static final String INPUT = "x";
  static final String OUTPUT = "y";

  private OnnxModels() {}

  /**
   * A model applying {@code opType} (an ONNX operator such as "Sigmoid") to a [1, n] tensor; {@code
   * alpha} is written as the float attribute "alpha" when not NaN (LeakyRelu's slope). Softmax's
   * default axis, -1, makes the one row of n elements the softmax row.
   */
  static byte[] unaryModel(String opType, float alpha, int n) {
    byte[] node = message(out -> {
      out.writeString(NODE_INPUT, INPUT);
      out.writeString(NODE_OUTPUT, OUTPUT);
      out.writeString(NODE_OP_TYPE, opType);
      if (!Float.isNaN(alpha)) {
        out.writeByteArray(NODE_ATTRIBUTE, message(a -> {
          a.writeString(ATTRIBUTE_NAME, "alpha");
          a.writeFloat(ATTRIBUTE_F, alpha);
          a.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT);
        }));
      }
    });
    byte[] graph = message(out -> {
      out.writeByteArray(GRAPH_NODE, node);
      out.writeString(GRAPH_NAME, opType.toLowerCase() + "-" + n);
      out.writeByteArray(GRAPH_INPUT, floatTensorInfo(INPUT, n));
      out.writeByteArray(GRAPH_OUTPUT, floatTensorInfo(OUTPUT, n));
    });
    return message(out -> {
      out.writeInt64(MODEL_IR_VERSION, IR_VERSION);
      out.writeByteArray(MODEL_GRAPH, graph);
      out.writeByteArray(MODEL_OPSET_IMPORT, message(o -> o.writeInt64(OPSET_VERSION, OPSET)));
    });
  }

  private static byte[] floatTensorInfo(String name, int n) {
    byte[] shape = message(out -> {
      out.writeByteArray(SHAPE_DIM, message(d -> d.writeInt64(DIM_VALUE, 1)));
      out.writeByteArray(SHAPE_DIM, message(d -> d.writeInt64(DIM_VALUE, n)));
    });
    byte[] tensor = message(out -> {
      out.writeEnum(TENSOR_ELEM_TYPE, ELEM_TYPE_FLOAT);
      out.writeByteArray(TENSOR_SHAPE, shape);
    });
    return message(out -> {
      out.writeString(VALUE_INFO_NAME, name);
      out.writeByteArray(VALUE_INFO_TYPE, message(t -> t.writeByteArray(TYPE_TENSOR, tensor)));
    });
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
