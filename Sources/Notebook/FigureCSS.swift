/// How figures sit on the page (issue 16, item 1). A figure's text must
/// never be shown below 11 px, so a figure is never shrunk past the
/// `min-width` its SVG carries (see `SVGCanvas.legibleWidth`); instead:
///
/// - a cell holding a figure wider than the text column grows out of the
///   column into the free space beside it (distill's `l-page`), by as much
///   as the figure wants (`--want`) and the window allows;
/// - what still does not fit scrolls inside its `.figure-scroll`, the one
///   place a figure may overflow (the browser test checks this on phones),
///   with a shadow at the edge that has more (Lea Verou's scrolling
///   shadows: backgrounds that scroll with the content cover them at the ends);
/// - clicking a figure, or Space on its focused toggle, shows it enlarged
///   over the page: a visually hidden checkbox, so no script is needed.
enum FigureCSS {
    static let css = """

    .figure-scroll{display:block;max-width:100%;overflow-x:auto;overflow-y:hidden;cursor:zoom-in;-webkit-overflow-scrolling:touch}
    div.figure-scroll{cursor:auto}
    @media (max-width:47rem){.figure-scroll{background:linear-gradient(to right,var(--paper) 30%,transparent) left/1.5rem 100% no-repeat local,linear-gradient(to left,var(--paper) 30%,transparent) right/1.5rem 100% no-repeat local,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.22),transparent) left/.7rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.22),transparent) right/.7rem 100% no-repeat scroll}}
    input.zoom{position:absolute;width:1px;height:1px;margin:0;opacity:0;pointer-events:none}
    figure.output.figure{position:relative}
    input.zoom:focus-visible+.figure-scroll{outline:2px solid var(--accent);outline-offset:2px;border-radius:4px}
    input.zoom:checked+.figure-scroll{position:fixed;inset:0;z-index:100;max-width:none;margin:0;padding:1.5rem;overflow:auto;cursor:zoom-out;background:rgba(255,255,255,.97);display:flex}
    input.zoom:checked+.figure-scroll>*{margin:auto;flex:none}
    input.zoom:checked+.figure-scroll>svg,input.zoom:checked+.figure-scroll>img{width:min(96vw,calc(88vh * var(--ar,1.6)),calc(var(--w,640px) * 2.5))!important;max-width:none!important;height:auto}
    input.zoom:checked+.figure-scroll>.figure-row{width:96vw}
    .zoom-hint{position:absolute;right:0;top:0;font:12px/1 system-ui,sans-serif;color:var(--muted);opacity:0;transition:opacity .15s;pointer-events:none}
    figure.output.figure:hover .zoom-hint,input.zoom:focus-visible~.zoom-hint{opacity:1}
    input.zoom:checked~.zoom-hint{display:none}
    @media (min-width:70rem){.cell.wide{margin-right:calc(-1 * max(0px,min(var(--want,0px),100vw - 17rem - max(1rem,50vw - 35.5rem) - 46rem - 1.5rem)))}}
    @media (min-width:47rem) and (max-width:69.99rem){.cell.wide{margin-inline:calc(-1 * max(0px,min(var(--want,0px) / 2,50vw - 23rem - 1rem)))}}
    @media (prefers-color-scheme:dark){figure.output.figure svg,figure.output.figure img{background:#fff;color:#1d2329;border-radius:6px}
    input.zoom:checked+.figure-scroll{background:rgba(15,20,25,.97)}}
    @media print{.figure-scroll{overflow:visible}.figure-scroll>svg,.figure-scroll>img{min-width:0!important}.zoom-hint,input.zoom{display:none}.cell.wide{margin:1.4rem 0}}

    """
}
