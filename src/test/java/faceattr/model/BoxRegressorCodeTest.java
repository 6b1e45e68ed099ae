package faceattr.model;

import faceattr.geometry.Box;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BoxRegressorCodeTest {

    @Test
    void codesRoundTripAndMirrorWithTheView() {
        SquareView view = new SquareView(40, -10, 200, 64);
        Box face = new Box(90, 30, 80, 104);
        float[] code = BoxRegressor.encode(face, view);
        assertEquals(0.45, code[0], 1e-6, "centre x as a fraction of the side");
        assertEquals(0.46, code[1], 1e-6);
        assertEquals(Math.log(0.4), code[2], 1e-6, "log width fraction");
        Box back = BoxRegressor.decode(code, view);
        assertEquals(face.x(), back.x(), 1e-4);
        assertEquals(face.y(), back.y(), 1e-4);
        assertEquals(face.width(), back.width(), 1e-4);
        assertEquals(face.height(), back.height(), 1e-4);

        // the same face in the mirrored view: x mirrored about the view's centre, size unchanged
        Box mirrored = BoxRegressor.decode(BoxRegressor.mirror(code), view);
        assertEquals(2 * view.x() + view.side() - (face.x() + face.width()), mirrored.x(), 1e-4);
        assertEquals(face.width(), mirrored.width(), 1e-4);
        assertArrayEquals(code, BoxRegressor.mirror(BoxRegressor.mirror(code)), 1e-7f);
    }
}
