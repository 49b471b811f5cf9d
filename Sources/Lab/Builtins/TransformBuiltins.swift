import Foundation
import Tensors
import Visualizations

/// `translate`, `rotate`, `scale`: one image (H×W or C×H×W) or a batch
/// (N×C×H×W) moved, turned or resized about its centre, bilinear, with 0
/// outside the image (Visualizations' AffineWarp).
enum TransformBuiltins {
    static let all: [Builtin] = [translate, rotate, scale]

    static let translate = Builtin("translate(x: tensor, dx: number, dy: number)",
                                   "the image moved right by dx and down by dy pixels (bilinear, 0 fills what comes in)") { args, _ in
        let (dx, dy) = (try args.finiteNumber("dx"), try args.finiteNumber("dy"))
        return .tensor(AffineWarp.apply(try image(args, "translate"), .translation(dx: dx, dy: dy)))
    }

    static let rotate = Builtin("rotate(x: tensor, degrees: number)",
                                "the image turned counterclockwise by degrees about its centre (bilinear, 0 outside)") { args, _ in
        .tensor(AffineWarp.apply(try image(args, "rotate"), .rotation(degrees: try args.finiteNumber("degrees"))))
    }

    static let scale = Builtin("scale(x: tensor, factor: number)",
                               "the image enlarged by factor about its centre (below 1 shrinks it; bilinear, 0 outside)") { args, _ in
        let factor = try args.finiteNumber("factor", .positive)
        return .tensor(AffineWarp.apply(try image(args, "scale"), .scaling(factor)))
    }

    static func image(_ args: Arguments, _ name: String) throws -> Tensor {
        let x = try args.tensor("x")
        guard (2...4).contains(x.rank), x.shape.allSatisfy({ $0 > 0 }) else {
            throw LabError("\(name): x must be an image (H, W) or (C, H, W), or a batch (N, C, H, W); got \(Tensor.describe(x.shape))",
                           at: args.location("x"))
        }
        return x
    }
}
