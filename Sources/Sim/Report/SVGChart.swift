import Foundation

/// Line charts as standalone SVG: panels in a grid, each with axes, tick labels, axis titles,
/// a legend, one line per series and its 95% interval as error bars. Deterministic output.
public enum SVGChart {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?
        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public struct Panel: Sendable {
        public var title: String
        public var xLabel: String
        public var yLabel: String
        public var series: [Series]
        public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.series = series
        }
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
    static let panelWidth = 720.0, panelHeight = 340.0
    /// The right margin holds the legend, outside the plot.
    static let left = 70.0, right = 250.0, top = 34.0, bottom = 50.0

    public static func render(title: String, panels: [Panel], columns: Int = 2) -> String {
        let cols = max(1, min(columns, panels.count))
        let rows = (panels.count + cols - 1) / cols
        let width = Double(cols) * panelWidth, height = Double(rows) * panelHeight + 40
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(width / 2))" y="24" text-anchor="middle" font-size="16" font-weight="bold">\(escape(title))</text>

        """
        for (i, panel) in panels.enumerated() {
            let ox = Double(i % cols) * panelWidth, oy = 40 + Double(i / cols) * panelHeight
            out += renderPanel(panel, ox: ox, oy: oy)
        }
        out += "</svg>\n"
        return out
    }

    static func renderPanel(_ p: Panel, ox: Double, oy: Double) -> String {
        let points = p.series.flatMap(\.points)
        guard !points.isEmpty else { return "" }
        let xs = points.map(\.x)
        let ys = points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }.filter(\.isFinite)
        let logX = (xs.min() ?? 1) > 0 && (xs.max() ?? 1) / (xs.min() ?? 1) >= 20
        let tx: (Double) -> Double = logX ? { log10($0) } : { $0 }
        var (x0, x1) = (tx(xs.min()!), tx(xs.max()!))
        if x0 == x1 { x0 -= 1; x1 += 1 }
        var (y0, y1) = (ys.min() ?? 0, ys.max() ?? 1)
        if y0 == y1 { y0 -= 0.5; y1 += 0.5 }
        let pad = (y1 - y0) * 0.08
        y0 -= pad; y1 += pad
        let plotW = panelWidth - left - right, plotH = panelHeight - top - bottom
        func px(_ x: Double) -> Double { ox + left + (tx(x) - x0) / (x1 - x0) * plotW }
        func py(_ y: Double) -> Double { oy + top + (1 - (y - y0) / (y1 - y0)) * plotH }
        var s = "<g>\n"
        s += "<text x=\"\(f(ox + panelWidth / 2))\" y=\"\(f(oy + 18))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(escape(p.title))</text>\n"
        s += "<rect x=\"\(f(ox + left))\" y=\"\(f(oy + top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#444\"/>\n"
        // Y ticks.
        for t in niceTicks(y0, y1, count: 5) {
            let y = py(t)
            s += "<line x1=\"\(f(ox + left - 4))\" y1=\"\(f(y))\" x2=\"\(f(ox + left + plotW))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>\n"
            s += "<text x=\"\(f(ox + left - 7))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(NumberFormatting.short(t))</text>\n"
        }
        // X ticks: the data's x values when few, else nice ticks.
        let distinct = Array(Set(xs)).sorted()
        let xTicks = distinct.count <= 12 ? distinct : (logX ? distinct.filter { log10($0).rounded() == log10($0) } : niceTicks(xs.min()!, xs.max()!, count: 6))
        for t in xTicks {
            let x = px(t)
            s += "<line x1=\"\(f(x))\" y1=\"\(f(oy + top + plotH))\" x2=\"\(f(x))\" y2=\"\(f(oy + top + plotH + 4))\" stroke=\"#444\"/>\n"
            s += "<text x=\"\(f(x))\" y=\"\(f(oy + top + plotH + 17))\" text-anchor=\"middle\">\(NumberFormatting.short(t))</text>\n"
        }
        s += "<text x=\"\(f(ox + left + plotW / 2))\" y=\"\(f(oy + panelHeight - 12))\" text-anchor=\"middle\">\(escape(p.xLabel + (logX ? " (log scale)" : "")))</text>\n"
        s += "<text transform=\"translate(\(f(ox + 16)),\(f(oy + top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(p.yLabel))</text>\n"
        for (k, series) in p.series.enumerated() {
            let color = palette[k % palette.count]
            let pts = series.points.filter { $0.y.isFinite }.sorted { $0.x < $1.x }
            if pts.count > 1 {
                s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " "))\"/>\n"
            }
            for q in pts {
                if let lo = q.low, let hi = q.high, lo.isFinite, hi.isFinite {
                    s += "<line x1=\"\(f(px(q.x)))\" y1=\"\(f(py(lo)))\" x2=\"\(f(px(q.x)))\" y2=\"\(f(py(hi)))\" stroke=\"\(color)\"/>\n"
                }
                s += "<circle cx=\"\(f(px(q.x)))\" cy=\"\(f(py(q.y)))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            // Legend, right of the plot.
            let ly = oy + top + 10 + Double(k) * 16
            let lx = ox + left + plotW + 12
            s += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 18))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(f(lx + 24))\" y=\"\(f(ly))\">\(escape(series.name))</text>\n"
        }
        s += "</g>\n"
        return s
    }

    /// About `count` round tick values covering [lo, hi].
    static func niceTicks(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        let span = hi - lo
        guard span > 0, span.isFinite else { return [lo] }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var t = ceil(lo / step) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : (t / step).rounded() * step)
            t += step
        }
        return out
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

extension ScenarioReport {
    /// One panel per metric: the mean (with its 95% interval) against the number of agents, one
    /// line per mechanism, over every result of the run (a sweep gives one point per count).
    public static func svg(_ results: [ScenarioResult]) -> String {
        var metrics: [FacilityMetric] = []
        for r in results { for s in r.slots where s.agent == nil && !metrics.contains(s.metric) { metrics.append(s.metric) } }
        let files = Array(Set(results.map(\.scenario.file))).sorted()
        var panels: [SVGChart.Panel] = []
        for file in files {
            let group = results.filter { $0.scenario.file == file }
            let baseTitle = group.first.map { $0.scenario.sweep == nil ? String($0.scenario.title.split(separator: "(n =").first ?? "") : $0.scenario.title } ?? file
            for metric in metrics {
                var series: [String: [SVGChart.Point]] = [:]
                var order: [String] = []
                for r in group {
                    for (slot, e) in zip(r.slots, r.estimates) where slot.metric == metric && slot.agent == nil {
                        if series[slot.mechanism] == nil { order.append(slot.mechanism) }
                        series[slot.mechanism, default: []].append(
                            SVGChart.Point(x: Double(r.scenario.agents), y: e.mean, low: e.count > 1 ? e.lower95 : nil, high: e.count > 1 ? e.upper95 : nil))
                    }
                }
                guard !order.isEmpty else { continue }
                let title = files.count > 1 ? "\(metric.rawValue): \(baseTitle.trimmingCharacters(in: .whitespaces))" : metric.rawValue
                panels.append(SVGChart.Panel(title: title, xLabel: "agents n", yLabel: metric.rawValue,
                                             series: order.map { SVGChart.Series(name: $0, points: series[$0]!) }))
            }
        }
        let title = files.count == 1 ? (results.first?.scenario.title.components(separatedBy: " (n = ").first ?? "MechSim") : "MechSim results"
        return SVGChart.render(title: title, panels: panels)
    }
}

import Mechanisms
